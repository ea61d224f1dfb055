import { Checkbox, Fieldset, Group, Radio, Stack, Text, VisuallyHidden } from '@mantine/core'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  DEFAULT_RESPONSE_TARGET,
  TYPICAL_OPENING_HOURS,
  WEEKDAYS,
  describeTarget,
  type ResponseTarget,
  type Weekday,
} from '../../../core/inbox/response-time.js'
import { isLocalTime } from '../../../core/time/zoned.js'
import { TimeInput } from '../../components/date-time-inputs.js'
import { NumberField, fieldId, getIn, useEditor, type Path } from './fields.js'

const PATH = ['responses', 'target'] as const
type Counting = 'all' | 'weekdays' | 'opening'

function countingOf(target: ResponseTarget): Counting {
  if (!target.workingHoursOnly) return 'all'
  return target.openingHours ? 'opening' : 'weekdays'
}

/** The structured answer target the inbox measures against, beside the policy's own words. */
export function ResponseTargetForm() {
  const { t, i18n } = useTranslation()
  const { doc, update, errors } = useEditor()
  const target = (getIn(doc, PATH) as ResponseTarget | undefined) ?? DEFAULT_RESPONSE_TARGET
  const counting = countingOf(target)
  const locale = i18n.language === 'en' ? 'en' : 'sv'

  const choose = (next: string) => {
    if (next === 'all') update(PATH, { ...target, workingHoursOnly: false, openingHours: null })
    if (next === 'weekdays') update(PATH, { ...target, workingHoursOnly: true, openingHours: null })
    if (next === 'opening') {
      update(PATH, {
        ...target,
        workingHoursOnly: true,
        openingHours: target.openingHours ?? TYPICAL_OPENING_HOURS,
      })
    }
  }

  return (
    <Fieldset legend={t('responseTarget.legend')} radius="md">
      <Stack gap="md">
        <Text size="sm">{t('responseTarget.intro')}</Text>
        <NumberField
          path={[...PATH, 'hours']}
          label={t('responseTarget.hours')}
          description={t('responseTarget.hoursHint')}
          min={1}
          max={720}
        />
        <Radio.Group
          id={fieldId([...PATH, 'counting'])}
          label={t('responseTarget.counting')}
          value={counting}
          onChange={choose}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="weekdays" label={t('responseTarget.countWeekdays')} />
            <Radio value="opening" label={t('responseTarget.countOpening')} />
            <Radio value="all" label={t('responseTarget.countAll')} />
          </Stack>
        </Radio.Group>
        {target.openingHours && (
          <Fieldset legend={t('responseTarget.openingHours')} variant="unstyled">
            <Stack gap="sm">
              {WEEKDAYS.map((day) => (
                <OpeningDay key={day} day={day} target={target} />
              ))}
            </Stack>
          </Fieldset>
        )}
        {errors[[...PATH, 'openingHours'].join('.')] && (
          <Text size="sm" c="red.8" role="alert">
            {errors[[...PATH, 'openingHours'].join('.')]}
          </Text>
        )}
        <Text size="sm" aria-live="polite">
          {t('responseTarget.summary', { target: describeTarget(target, locale) })}
        </Text>
      </Stack>
    </Fieldset>
  )
}

function OpeningDay({ day, target }: { day: Weekday; target: ResponseTarget }) {
  const { t } = useTranslation()
  const { update } = useEditor()
  const path: Path = [...PATH, 'openingHours', day]
  const span = target.openingHours?.[day] ?? null
  const name = t(`responseTarget.days.${day}`)
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <Checkbox
        id={fieldId(path)}
        label={t('responseTarget.openOn', { day: name })}
        checked={span !== null}
        onChange={(e) =>
          update(
            path,
            e.currentTarget.checked
              ? (TYPICAL_OPENING_HOURS[day] ?? { open: '10:00', close: '16:00' })
              : null,
          )
        }
        w={200}
      />
      {span && (
        <>
          {/* The day is said to a screen reader; a sighted reader sees it beside the checkbox. */}
          <ClockField
            path={[...path, 'open']}
            label={
              <>
                {t('responseTarget.open')}
                <VisuallyHidden> ({name})</VisuallyHidden>
              </>
            }
          />
          <ClockField
            path={[...path, 'close']}
            label={
              <>
                {t('responseTarget.close')}
                <VisuallyHidden> ({name})</VisuallyHidden>
              </>
            }
          />
        </>
      )}
    </Group>
  )
}

/** Only a whole time (10:00) goes into the document, as with dates. */
function ClockField({ path, label }: { path: Path; label: ReactNode }) {
  const { t } = useTranslation()
  const { doc, update, errors } = useEditor()
  const stored = String(getIn(doc, path) ?? '')
  const [text, setText] = useState(stored)
  const [left, setLeft] = useState(false)
  useEffect(() => setText(stored), [stored])
  const wrong = left && !isLocalTime(text)
  return (
    <TimeInput
      id={fieldId(path)}
      label={label}
      value={text}
      error={errors[path.join('.')] ?? (wrong ? t('responseTarget.timeInvalid') : undefined)}
      onChange={(next) => {
        setText(next)
        setLeft(false)
        if (isLocalTime(next)) update(path, next)
      }}
      onBlur={() => setLeft(true)}
    />
  )
}

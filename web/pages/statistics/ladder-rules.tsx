import { Button, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { explainCounting, explainLadder } from '../../../core/ladder/explain.js'
import type { LadderRules } from '../../../core/ladder/rules.js'
import type { LadderOverview } from '../../../core/schemas/ladder.js'
import { fieldErrors } from '../../api/client.js'
import { ladderKey, saveLadderRules } from '../../api/ladder.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { focusFirstInvalid } from '../../components/form.js'
import { notify } from '../../components/notify.js'

const FIELDS = [
  ['windowDays', 7, 365, 'windowDaysHint'],
  ['endorseMin', 1, 100, undefined],
  ['contributeMin', 1, 100, undefined],
  ['ownWeeks', 2, 53, 'ownWeeksHint'],
  ['retentionMonths', 1, 36, 'retentionMonthsHint'],
] as const satisfies readonly [keyof LadderRules, number, number, string | undefined][]

/** The rules in plain words, from the same function the report uses, with the library's numbers. */
export function LadderRulesExplained({ overview }: { overview: LadderOverview }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  return (
    <Stack gap="sm" component="section" aria-labelledby="rules-heading" className="prose">
      <Title order={2} size="h3" id="rules-heading">
        {t('ladder.rules.title')}
      </Title>
      <List spacing="xs">
        {explainLadder(overview.rules, locale)
          .reverse()
          .map((s) => (
            <List.Item key={s.step}>
              <Text span fw={600}>
                {s.label}:
              </Text>{' '}
              {s.text}
            </List.Item>
          ))}
      </List>
      {explainCounting(overview.rules, locale).map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      {overview.interactionRetentionDays !== null &&
        overview.interactionRetentionDays < overview.rules.windowDays && (
          <Text>{t('ladder.rules.retention', { days: overview.interactionRetentionDays })}</Text>
        )}
    </Stack>
  )
}

/** The thresholds, for those who may see people (Ansvarig, Redaktör); saving places everyone again. */
export function LadderRulesForm({ libraryId, rules }: { libraryId: string; rules: LadderRules }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const [draft, setDraft] = useState<LadderRules>(rules)
  const mutation = useMutation({
    mutationFn: () => saveLadderRules(libraryId, draft),
    onSuccess: (overview) => {
      queryClient.setQueryData(ladderKey(libraryId), overview)
      notify(t('ladder.rules.saved'))
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate()
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="rules-form-heading">
      <Title order={2} size="h3" id="rules-form-heading">
        {t('ladder.rules.formTitle')}
      </Title>
      <Text className="prose">{t('ladder.rules.formIntro')}</Text>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={520}>
          {FIELDS.map(([key, min, max, hint]) => (
            <NumberInput
              key={key}
              label={t(`ladder.rules.${key}`)}
              description={hint ? t(`ladder.rules.${hint}`) : undefined}
              value={draft[key]}
              min={min}
              max={max}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              onChange={(value) =>
                setDraft((d) => ({
                  ...d,
                  [key]: typeof value === 'number' ? value : Number(value),
                }))
              }
              error={server[key]}
              required
            />
          ))}
          <ErrorAlert error={mutation.error} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('ladder.rules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  )
}

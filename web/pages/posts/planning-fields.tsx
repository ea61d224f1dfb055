import { Button, Fieldset, Group, NativeSelect, Stack, TagsInput, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  isLocalDate,
  isLocalTime,
  resolveZoned,
  utcToZoned,
  type ZonedDateTime,
} from '../../../core/time/zoned.js'
import { membersQuery } from '../../api/members.js'
import type { PostPlanning } from '../../api/posts.js'
import { DateInput, TimeInput } from '../../components/date-time-inputs.js'
import { useFormat } from '../../i18n/format.js'

type Props = {
  libraryId: string
  timeZone: string
  plannedAt: string | null
  assigneeId: string | null
  tags: string[]
  onChange: (change: Partial<PostPlanning>) => void
}

const EMPTY: ZonedDateTime = { date: '', time: '' }
const DEFAULT_TIME = '10:00'

/**
 * When the post is planned for (in the library's time zone), who is to write
 * it, and its tags. Kept apart from the text so that typing never waits on it.
 */
export const PlanningFields = memo(function PlanningFields(props: Props) {
  const { libraryId, timeZone, plannedAt, assigneeId, tags, onChange } = props
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const members = useQuery(membersQuery(libraryId))
  const [when, setWhen] = useState<ZonedDateTime>(() =>
    plannedAt ? utcToZoned(plannedAt, timeZone) : EMPTY,
  )
  const zoneName = timeZone.replaceAll('_', ' ')

  /** Only a whole date and time is a planned moment; clearing the date clears it. */
  const change = (next: ZonedDateTime) => {
    const filled = isLocalDate(next.date) && !next.time ? { ...next, time: DEFAULT_TIME } : next
    setWhen(filled)
    if (!filled.date) onChange({ plannedAt: null })
    else if (isLocalDate(filled.date) && isLocalTime(filled.time))
      onChange({
        plannedAt: resolveZoned(filled.date, filled.time, timeZone).instant.toISOString(),
      })
  }

  const assignable = members.data ?? []
  const unknownAssignee = assigneeId && !assignable.some((m) => m.userId === assigneeId)

  return (
    <Stack gap="sm" component="section" aria-labelledby="planning-fields-heading">
      <Title order={2} size="h4" id="planning-fields-heading">
        {t('approval.planning.heading')}
      </Title>
      <Fieldset
        legend={t('approval.planning.plannedLegend', { zone: zoneName })}
        variant="unstyled"
        styles={{ legend: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 } }}
      >
        <Group gap="sm" align="flex-end" mt={4}>
          <DateInput
            id="planned-date"
            label={t('approval.planning.date')}
            value={when.date}
            onChange={(date) => change({ ...when, date })}
          />
          <TimeInput
            id="planned-time"
            label={t('approval.planning.time')}
            value={when.time}
            onChange={(time) => change({ ...when, time })}
          />
          {when.date && (
            <Button variant="subtle" onClick={() => change(EMPTY)}>
              {t('approval.planning.clear')}
            </Button>
          )}
        </Group>
        <Text size="sm" mt="xs">
          {plannedAt
            ? t('approval.planning.plannedFor', { when: format.fullDateTime(plannedAt) })
            : t('approval.planning.notPlanned')}
        </Text>
      </Fieldset>
      <NativeSelect
        label={t('approval.planning.assignee')}
        description={t('approval.planning.assigneeHint')}
        value={assigneeId ?? ''}
        onChange={(event) => onChange({ assigneeId: event.currentTarget.value || null })}
        data={[
          { value: '', label: t('approval.planning.nobody') },
          ...(unknownAssignee ? [{ value: assigneeId, label: t('approval.planning.former') }] : []),
          ...assignable.map((m) => ({ value: m.userId, label: m.name })),
        ]}
        maw={320}
      />
      <TagsInput
        label={t('approval.planning.tags')}
        description={t('approval.planning.tagsHint')}
        value={tags}
        onChange={(next) =>
          onChange({ tags: next.map((tag) => tag.replace(/^#/, '').trim()).filter(Boolean) })
        }
        maxTags={10}
        splitChars={[',', ' ']}
        clearable
        maw={480}
      />
    </Stack>
  )
})

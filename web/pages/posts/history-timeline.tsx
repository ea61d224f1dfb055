import { Button, Stack, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Post, PostEvent } from '../../../core/schemas/index.js'
import { historyQuery } from '../../api/approval.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useFormat } from '../../i18n/format.js'

type Props = { libraryId: string; post: Post; timeZone: string }

const SHOWN_AT_FIRST = 12

/** Who changed what and when, newest first, in plain sentences. */
export function HistoryTimeline({ libraryId, post, timeZone }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const history = useQuery(historyQuery(libraryId, post.id))
  const [all, setAll] = useState(false)
  const format = useFormat(timeZone)

  // A step taken anywhere (here, by a colleague, by the publishing worker) changes the version or state.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: historyQuery(libraryId, post.id).queryKey })
  }, [queryClient, libraryId, post.id, post.version, post.state])

  const events = [...(history.data ?? [])].reverse()
  const shown = all ? events : events.slice(0, SHOWN_AT_FIRST)

  return (
    <Stack gap="sm" component="section" aria-labelledby="history-heading" maw={720}>
      <Title order={2} size="h4" id="history-heading">
        {t('approval.history.heading')}
      </Title>
      {history.isError && <ErrorAlert error={history.error} />}
      {events.length > 0 && (
        <Stack component="ol" gap={6} className="plain-list" aria-labelledby="history-heading">
          {shown.map((event) => (
            <li key={event.id}>
              <Text size="sm">
                <Text component="time" size="sm" c="dimmed" dateTime={event.createdAt}>
                  {format.dateTime(event.createdAt)}
                </Text>{' '}
                {sentence(t, event, format.dateTime)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {events.length > SHOWN_AT_FIRST && !all && (
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => setAll(true)}>
            {t('approval.history.showAll', { count: events.length })}
          </Button>
        </div>
      )}
    </Stack>
  )
}

function sentence(t: TFunction, event: PostEvent, dateTime: (iso: string) => string): string {
  const who = event.actorName ?? t('approval.history.torget')
  const d = event.details
  switch (event.kind) {
    case 'edited': {
      const fields = (d.fields ?? []).map((f) => t(`approval.history.field.${f}`)).join(', ')
      const then = d.unscheduled
        ? ` ${t('approval.history.unscheduledForReview')}`
        : d.backToReview
          ? ` ${t('approval.history.backToReview')}`
          : ''
      return `${t('approval.history.kind.edited', { who, fields })}${then}`
    }
    case 'approved':
      return t(
        d.withSchedule
          ? 'approval.history.kind.approvedBySchedule'
          : 'approval.history.kind.approved',
        { who },
      )
    case 'scheduled':
      return t('approval.history.kind.scheduled', { who, when: d.at ? dateTime(d.at) : '' })
    case 'assigned':
      return d.assigneeId
        ? t('approval.history.kind.assigned', { who, name: d.assigneeName ?? '' })
        : t('approval.history.kind.unassigned', { who })
    default:
      return t(`approval.history.kind.${event.kind}`, { who })
  }
}

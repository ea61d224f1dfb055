import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { MODERATION_ACTIONS } from '../../../core/channels/networks.js'
import { INBOX_STATES, type InboxItemDetail } from '../../../core/schemas/inbox.js'
import { refreshInboxItem, undoInboxActivity } from '../../api/inbox.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { useFormat } from '../../i18n/format.js'
import { useAnnounce } from './announcer.js'

type Entry = InboxItemDetail['activity'][number]
type Props = { libraryId: string; detail: InboxItemDetail; canUndo: boolean }

/** What happened to the item, newest first; what a rule did by itself can be undone. */
export function ActivityList({ libraryId, detail, canUndo }: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  const queryClient = useQueryClient()
  const announce = useAnnounce()
  const undo = useMutation({
    mutationFn: (activityId: string) => undoInboxActivity(libraryId, activityId),
    onSuccess: () => {
      notify(t('inbox.activity.undone'))
      announce(t('inbox.activity.undone'))
    },
    onSettled: () => refreshInboxItem(queryClient, libraryId, detail.item.id),
  })
  const entries = [...detail.activity].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return (
    <Stack gap="xs" component="section" aria-labelledby="inbox-activity">
      <Title order={3} size="h5" id="inbox-activity">
        {t('inbox.activity.heading')}
      </Title>
      <ErrorAlert error={undo.error} />
      <Stack component="ol" gap={6} className="plain-list" aria-labelledby="inbox-activity">
        {entries.map((entry) => (
          <li key={entry.id}>
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Text size="sm" c="gray.8" component="time" dateTime={entry.at} miw={96}>
                {format.shortDateTime(entry.at)}
              </Text>
              <Text size="sm" id={`activity-${entry.id}`}>
                {sentence(entry, t)}
              </Text>
              {canUndo && entry.undoable && (
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => undo.mutate(entry.id)}
                  loading={undo.isPending && undo.variables === entry.id}
                  aria-describedby={`activity-${entry.id}`}
                >
                  {t('inbox.activity.undo')}
                </Button>
              )}
            </Group>
          </li>
        ))}
      </Stack>
    </Stack>
  )
}

/** A name from an activity's detail, which may hold a name or an { id, name }. */
function named(value: unknown): string {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'name' in value && typeof value.name === 'string')
    return value.name
  return ''
}

export function sentence(entry: Entry, t: TFunction): string {
  const who = entry.actor
    ? entry.actor.name
    : entry.rule
      ? t('inbox.activity.rule', { name: entry.rule.name })
      : t('inbox.activity.system')
  const d = entry.detail
  const state = INBOX_STATES.find((s) => s === d.state)
  const action = MODERATION_ACTIONS.find((a) => a === d.action)
  return t(`inbox.activity.action.${entry.action}`, {
    who,
    name: named(d.assignee),
    tag: named(d.tag),
    state: state ? t(`inbox.state.${state}`) : '',
    moderation: action ? t(`inbox.moderation.actions.${action}`) : '',
  })
}

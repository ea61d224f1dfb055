import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { NETWORK_CAPABILITIES, UNDOABLE_MODERATION } from '../../../core/channels/networks.js'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { refreshInboxItem, undoModeration } from '../../api/inbox.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { networkName } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { StatusLabel, type Tone } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { ModerationDialog, useReasonLabel } from './moderation-dialog.js'

const TONE: Record<string, Tone> = {
  pending: 'waiting',
  done: 'ok',
  failed: 'bad',
  undone: 'neutral',
}
type Props = { libraryId: string; detail: InboxItemDetail; canModerate: boolean }

/** What the library did about the item on the network, and the way to do it. */
export function ModerationSection({ libraryId, detail, canModerate }: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  const reasonLabel = useReasonLabel()
  const [opened, { open, close }] = useDisclosure(false)
  const network = detail.item.channel.network
  const queryClient = useQueryClient()
  const undo = useMutation({
    mutationFn: (actionId: string) => undoModeration(libraryId, detail.item.id, actionId),
    onSuccess: () => notify(t('inbox.moderation.undoneSent', { network: networkName(network) })),
    onSettled: () => refreshInboxItem(queryClient, libraryId, detail.item.id),
  })
  // Mastodon cannot hide a reply under the library's post: say so before anyone looks for it.
  const cannotHide =
    (detail.item.kind === 'reply' || detail.item.kind === 'comment') &&
    !NETWORK_CAPABILITIES[network].canHideReplies
  return (
    <Stack gap="xs" component="section" aria-labelledby="inbox-moderation">
      <Title order={3} size="h5" id="inbox-moderation">
        {t('inbox.moderation.heading')}
      </Title>
      {detail.moderation.length === 0 ? (
        <Text size="sm">{t('inbox.moderation.none')}</Text>
      ) : (
        <Stack component="ol" gap="xs" className="plain-list" aria-labelledby="inbox-moderation">
          {detail.moderation.map((record) => (
            <Paper component="li" key={record.id} withBorder p="xs" radius="sm">
              <Group gap="xs" mb={2}>
                <Text size="sm" fw={700} component="span">
                  {t(`inbox.moderation.actions.${record.action}`)}
                </Text>
                <StatusLabel tone={TONE[record.state] ?? 'neutral'}>
                  {t(`inbox.moderation.state.${record.state}`)}
                </StatusLabel>
              </Group>
              <Text size="sm">
                {t('inbox.moderation.record', {
                  name: record.actor.name,
                  time: format.shortDateTime(record.at),
                  category: reasonLabel(record.reasonCategory),
                })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {record.reason}
              </Text>
              {canModerate &&
                record.state === 'done' &&
                UNDOABLE_MODERATION.includes(record.action) && (
                  <Button
                    variant="default"
                    size="xs"
                    mt="xs"
                    loading={undo.isPending && undo.variables === record.id}
                    onClick={() => undo.mutate(record.id)}
                    aria-label={t('inbox.moderation.undoLabel', {
                      action: t(`inbox.moderation.actions.${record.action}`),
                    })}
                  >
                    {t('inbox.moderation.undo')}
                  </Button>
                )}
            </Paper>
          ))}
        </Stack>
      )}
      <ErrorAlert error={undo.error} />
      {cannotHide && (
        <Alert variant="light" color="gray" role="note" p="sm">
          <Text size="sm">{t('inbox.moderation.noHide', { network: networkName(network) })}</Text>
        </Alert>
      )}
      {canModerate &&
        (detail.moderationActions.length > 0 ? (
          <Group>
            <Button variant="default" color="red" onClick={open}>
              {t('inbox.moderation.open')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('inbox.moderation.nothingAllowed')}</Text>
        ))}
      {canModerate && (
        <ModerationDialog libraryId={libraryId} detail={detail} opened={opened} onClose={close} />
      )}
    </Stack>
  )
}

import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxReply } from '../../api/inbox.js'
import { StatusLabel, type Tone } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { ReplyReview } from './reply-review.js'
import { isOneOf } from '../../../core/one-of.js'

const TONE: Record<string, Tone> = {
  in_review: 'waiting',
  draft: 'bad',
  scheduled: 'waiting',
  publishing: 'busy',
  published: 'ok',
  failed: 'bad',
}
const KNOWN = ['in_review', 'draft', 'scheduled', 'publishing', 'published', 'failed'] as const

type Props = {
  libraryId: string
  itemId: string
  replies: InboxReply[]
  /** Who may approve: a colleague with approval rights, never for their own answer. */
  approver: { id: string } | null
}

/**
 * The library's answers to the item: queued until the network has them, then published.
 * An answer awaiting approval shows its approver how to approve or return it; a returned
 * one shows its writer why.
 */
export function RepliesList({ libraryId, itemId, replies, approver }: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <Stack gap="xs" component="section" aria-labelledby="inbox-replies">
      <Title order={3} size="h5" id="inbox-replies">
        {t('inbox.replies.heading')}
      </Title>
      {replies.length === 0 ? (
        <Text size="sm">{t('inbox.replies.none')}</Text>
      ) : (
        <Stack component="ol" gap="xs" className="plain-list" aria-labelledby="inbox-replies">
          {replies.map((reply) => (
            <Paper component="li" key={reply.postId} withBorder p="xs" radius="sm">
              <Group gap="xs" mb={4}>
                <StatusLabel tone={TONE[reply.state] ?? 'neutral'}>
                  {isOneOf(KNOWN, reply.state)
                    ? t(`inbox.replies.state.${reply.state}`)
                    : reply.state}
                </StatusLabel>
                <Text size="sm" c="gray.8">
                  {t('inbox.replies.by', {
                    name: reply.author.name,
                    time: format.shortDateTime(reply.createdAt),
                  })}
                </Text>
                {reply.url && (
                  <Anchor href={reply.url} target="_blank" rel="noreferrer" size="sm">
                    {t('inbox.replies.open')}
                  </Anchor>
                )}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {reply.text}
              </Text>
              {reply.state === 'draft' && reply.returnNote && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <Text span fw={700}>
                    {t('inbox.replies.review.why')}
                  </Text>{' '}
                  {reply.returnNote}
                </Text>
              )}
              {reply.state === 'in_review' && approver && approver.id !== reply.author.id && (
                <ReplyReview libraryId={libraryId} itemId={itemId} reply={reply} />
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxReply } from '../../api/inbox.js'
import { StatusLabel, type Tone } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'

const TONE: Record<string, Tone> = {
  in_review: 'waiting',
  scheduled: 'waiting',
  publishing: 'busy',
  published: 'ok',
  failed: 'bad',
}
const KNOWN = ['in_review', 'scheduled', 'publishing', 'published', 'failed']

/** The library's answers to the item: queued until the network has them, then published. */
export function RepliesList({ replies }: { replies: InboxReply[] }) {
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
                  {KNOWN.includes(reply.state)
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
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

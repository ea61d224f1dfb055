import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { atHandle } from '../../components/network.js'
import { useFormat } from '../../i18n/format.js'

type Post = InboxItemDetail['conversation'][number]

/** The thread the item is part of, oldest first; the library's own posts marked. */
export function Conversation({ posts }: { posts: Post[] }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <Stack gap="xs" component="section" aria-labelledby="inbox-conversation">
      <Title order={3} size="h5" id="inbox-conversation">
        {t('inbox.conversation.heading')}
      </Title>
      {posts.length === 0 ? (
        <Text size="sm">{t('inbox.conversation.none')}</Text>
      ) : (
        <Stack component="ol" gap="xs" className="plain-list" aria-labelledby="inbox-conversation">
          {posts.map((post) => (
            <Paper
              component="li"
              key={post.remoteId}
              withBorder
              p="xs"
              radius="sm"
              ml={post.ours ? 0 : 'md'}
              bg={post.ours ? 'torget.0' : undefined}
              style={
                post.current ? { borderLeft: '4px solid var(--mantine-color-torget-7)' } : undefined
              }
            >
              <Group gap="xs" mb={2}>
                <Text size="sm" fw={700} component="span">
                  {post.author.displayName || atHandle(post.author.handle)}
                </Text>
                {post.ours && (
                  <Badge size="sm" variant="filled" color="torget.8" tt="none">
                    {t('inbox.conversation.ours')}
                  </Badge>
                )}
                {post.current && (
                  <Badge size="sm" variant="outline" color="gray.8" tt="none">
                    {t('inbox.conversation.current')}
                  </Badge>
                )}
                {/* The library's own post may come without a time (and, on Övningskanalen, a link). */}
                {post.createdAt && post.url ? (
                  <Anchor href={post.url} target="_blank" rel="noreferrer" size="xs" c="gray.8">
                    <time dateTime={post.createdAt}>{format.shortDateTime(post.createdAt)}</time>
                  </Anchor>
                ) : post.createdAt ? (
                  <Text size="xs" c="gray.8">
                    <time dateTime={post.createdAt}>{format.shortDateTime(post.createdAt)}</time>
                  </Text>
                ) : post.url ? (
                  <Anchor href={post.url} target="_blank" rel="noreferrer" size="xs" c="gray.8">
                    {t('inbox.conversation.open')}
                  </Anchor>
                ) : null}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {post.text}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

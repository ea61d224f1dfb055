import { Group, Paper, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Post } from '../../../core/schemas/index.js'
import { postsQuery } from '../../api/posts.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { networkName, atHandle } from '../../components/network.js'
import { PostStateLabel, PublicationLabel, firstLine } from '../../components/post-status.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { PLANNING_TABS, type PostListTab } from './planning-tabs.js'

const latest = (post: Post) =>
  post.publications.reduce(
    (max, p) => (p.publishedAt && p.publishedAt > max ? p.publishedAt : max),
    post.updatedAt,
  )

/** Soonest first for what is coming, newest first for the rest. */
function sorted(tab: PostListTab, posts: Post[]): Post[] {
  const copy = [...posts]
  if (tab === 'schemalagda')
    return copy.sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''))
  if (tab === 'publicerade') return copy.sort((a, b) => latest(b).localeCompare(latest(a)))
  return copy.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}

type Props = { libraryId: string; tab: PostListTab; timeZone: string }

export function PostList({ libraryId, tab, timeZone }: Props) {
  const { t } = useTranslation()
  const { key, states } = PLANNING_TABS[tab]
  const posts = useQuery(postsQuery(libraryId, states))

  if (posts.isPending) return <Loading />
  if (posts.isError) return <ErrorAlert error={posts.error} />
  if (posts.data.length === 0)
    return (
      <Text className="prose" py="md">
        {t(`planning.empty.${key}`)}
      </Text>
    )
  return (
    <Stack gap="sm" component="ul" className="plain-list" aria-label={t(`planning.tabs.${key}`)}>
      {sorted(tab, posts.data).map((post) => (
        <li key={post.id}>
          <PostItem libraryId={libraryId} post={post} timeZone={timeZone} />
        </li>
      ))}
    </Stack>
  )
}

function PostItem({
  libraryId,
  post,
  timeZone,
}: {
  libraryId: string
  post: Post
  timeZone: string
}) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const title =
    firstLine(post.text) ||
    (post.images.length > 0 ? t('planning.onlyImages') : t('planning.noText'))
  const when =
    post.state === 'scheduled' && post.scheduledAt
      ? t('planning.when.scheduled', { when: format.dateTime(post.scheduledAt) })
      : post.state === 'published'
        ? t('planning.when.published', { when: format.dateTime(latest(post)) })
        : t('planning.when.changed', { when: format.dateTime(post.updatedAt) })
  const shown = post.publications.filter((p) => p.state !== 'cancelled')

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="sm">
          <Text size="sm" fw={600}>
            {when}
          </Text>
          {['withdrawn', 'failed', 'in_review', 'approved'].includes(post.state) && (
            <PostStateLabel state={post.state} />
          )}
        </Group>
        <AnchorLink
          to="/bibliotek/$libraryId/inlagg/$postId"
          params={{ libraryId, postId: post.id }}
          fw={600}
          style={{ overflowWrap: 'anywhere' }}
        >
          {title}
        </AnchorLink>
        {['draft', 'in_review', 'approved'].includes(post.state) ? (
          <Text size="sm">
            {shown.length > 0
              ? t('planning.channels', {
                  list: shown
                    .map((p) => `${networkName(p.network)} ${atHandle(p.channelHandle)}`)
                    .join(', '),
                })
              : t('planning.noChannels')}
          </Text>
        ) : (
          <Stack gap={2} component="ul" className="plain-list">
            {shown.map((publication) => (
              <li key={publication.id}>
                <Text size="sm" component="div">
                  <PublicationLabel publication={publication} />
                </Text>
              </li>
            ))}
          </Stack>
        )}
        <Text size="sm" c="dimmed">
          {t('planning.author', { name: post.authorName })}
          {post.images.length > 0 && ` · ${t('planning.images', { count: post.images.length })}`}
        </Text>
      </Stack>
    </Paper>
  )
}

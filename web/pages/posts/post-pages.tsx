import { Alert, Stack, Text } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EDITABLE_STATES, mayChangePost } from '../../../core/posts/rules.js'
import { can } from '../../../core/roles.js'
import type { Post } from '../../../core/schemas/index.js'
import { channelsQuery } from '../../api/channels.js'
import { workspaceQuery } from '../../api/library.js'
import { postQuery } from '../../api/posts.js'
import { useMembership, useRequiredSession } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { firstLine } from '../../components/post-status.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { IdeaOrigin } from '../ideas/idea-origin.js'
import { CommentsSection } from './comments-section.js'
import { Composer } from './composer.js'
import { HistoryTimeline } from './history-timeline.js'
import { focusHeadingAfterChange, useHeadingFocus } from './heading-focus.js'
import { PaidBoost } from './paid-boost.js'
import { PostView } from './post-view.js'
import { PublicationStatus } from './publication-status.js'
import type { ParseKeys } from 'i18next'

export function NewPostPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const channels = useQuery(channelsQuery(libraryId))
  const workspace = useQuery(workspaceQuery(libraryId))
  const write = can(membership.role, 'posts.write')

  return (
    <Stack gap="lg">
      <PageHeading>{t('composer.newTitle')}</PageHeading>
      {!write ? (
        <Alert role="note" variant="light" color="gray">
          {t('composer.notAllowed')}
        </Alert>
      ) : channels.isPending || workspace.isPending ? (
        <Loading />
      ) : channels.isError ? (
        <ErrorAlert error={channels.error} />
      ) : (
        <Composer
          key={libraryId}
          libraryId={libraryId}
          post={undefined}
          channels={channels.data}
          role={membership.role}
          timeZone={membership.timeZone}
          requireSecondApprover={workspace.data?.library.requireSecondApprover ?? false}
          defaultLanguage={workspace.data?.library.locale ?? 'sv'}
          onReload={() => undefined}
        />
      )}
    </Stack>
  )
}

// A scheduled post opens in the composer only on request (see `onEdit` below).
const EDITABLE: readonly string[] = EDITABLE_STATES.filter((state) => state !== 'scheduled')

function headingFor(post: Post, editing: boolean): ParseKeys {
  if (post.state === 'failed') return 'post.title.failed'
  if (post.state === 'in_review' || post.state === 'approved')
    return `approval.title.${post.state}` as const
  if (editing) return 'post.title.edit'
  return `post.title.${post.state}` as const
}

/** A scheduled post can be edited until a worker picks it up (then it is on its way). */
const waitingOnly = (post: Post) =>
  post.publications.every((p) => ['pending', 'draft', 'cancelled', 'failed'].includes(p.state))

export function PostPage() {
  const { t } = useTranslation()
  const { libraryId, postId } = useParams({
    from: '/signed-in/bibliotek/$libraryId/inlagg/$postId',
  })
  const membership = useMembership(libraryId)
  const me = useRequiredSession().user.id
  const queryClient = useQueryClient()
  const post = useQuery(postQuery(libraryId, postId))
  const channels = useQuery(channelsQuery(libraryId))
  const workspace = useQuery(workspaceQuery(libraryId))
  const [reloads, setReloads] = useState(0)
  const [editScheduled, setEditScheduled] = useState(false)
  useHeadingFocus(`${post.data?.version}:${reloads}`)

  if (post.isPending || channels.isPending || post.isError || channels.isError) {
    return (
      <Stack gap="lg">
        <PageHeading>{t('post.title.loading')}</PageHeading>
        {post.isError || channels.isError ? (
          <ErrorAlert error={post.error ?? channels.error} />
        ) : (
          <Loading />
        )}
      </Stack>
    )
  }

  const data = post.data
  const write = mayChangePost({ role: membership.role, userId: me }, data)
  const editing =
    write && (EDITABLE.includes(data.state) || (editScheduled && data.state === 'scheduled'))
  const othersPost = !write && can(membership.role, 'posts.write') && EDITABLE.includes(data.state)
  const heading = t(headingFor(data, editing))
  const reload = async () => {
    await queryClient.fetchQuery({ ...postQuery(libraryId, postId), staleTime: 0 })
    focusHeadingAfterChange()
    setReloads((n) => n + 1)
  }

  return (
    <Stack gap="lg">
      <PageHeading
        documentTitle={data.text.trim() ? `${heading}: ${firstLine(data.text, 40)}` : heading}
      >
        {heading}
      </PageHeading>
      {editing ? (
        <>
          {data.state === 'failed' && (
            <>
              <Text className="prose">{t('post.failedLead')}</Text>
              <PublicationStatus post={data} timeZone={membership.timeZone} />
            </>
          )}
          <Composer
            key={`${data.id}:${reloads}`}
            libraryId={libraryId}
            post={data}
            channels={channels.data}
            role={membership.role}
            timeZone={membership.timeZone}
            requireSecondApprover={workspace.data?.library.requireSecondApprover ?? false}
            defaultLanguage={workspace.data?.library.locale ?? 'sv'}
            onReload={() => void reload()}
          />
        </>
      ) : (
        <>
          {othersPost && (
            <Alert role="note" variant="light" color="gray">
              {t('approval.othersPost', { name: data.authorName })}
            </Alert>
          )}
          <PostView
            libraryId={libraryId}
            post={data}
            channels={channels.data}
            role={membership.role}
            timeZone={membership.timeZone}
            onEdit={
              write && data.state === 'scheduled' && waitingOnly(data)
                ? () => {
                    setEditScheduled(true)
                    focusHeadingAfterChange()
                  }
                : undefined
            }
          />
        </>
      )}
      <IdeaOrigin libraryId={libraryId} postId={data.id} />
      <PaidBoost libraryId={libraryId} post={data} mayChange={write} />
      <CommentsSection libraryId={libraryId} post={data} role={membership.role} />
      <HistoryTimeline libraryId={libraryId} post={data} timeZone={membership.timeZone} />
    </Stack>
  )
}

import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { languageName, textDirection } from '../../../core/languages.js'
import { can, type Role } from '../../../core/roles.js'
import type { Channel, Post } from '../../../core/schemas/index.js'
import { deletePost, postQuery } from '../../api/posts.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { notify } from '../../components/notify.js'
import { PostStateLabel } from '../../components/post-status.js'
import { useFormat } from '../../i18n/format.js'
import { focusHeadingAfterChange } from './heading-focus.js'
import { PostPreview, type PreviewChannel } from './post-preview.js'
import { PublicationStatus } from './publication-status.js'
import { ScheduledActions } from './scheduled-actions.js'

type Props = {
  libraryId: string
  post: Post
  channels: Channel[]
  role: Role
  timeZone: string
  /** Offered for a scheduled post that has not started going out. */
  onEdit?: (() => void) | undefined
}

/** A post that is not being edited: where it stands, what it says, what can still be done. */
export function PostView({ libraryId, post, channels, role, timeZone, onEdit }: Props) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const format = useFormat(timeZone)
  const publish = can(role, 'posts.publish')

  const previewChannels: PreviewChannel[] = post.channelIds.map((id) => {
    const channel = channels.find((c) => c.id === id)
    if (channel) return channel
    const publication = post.publications.find((p) => p.channelId === id)
    return {
      id,
      network: publication?.network ?? 'bluesky',
      handle: publication?.channelHandle ?? '',
      displayName: '',
    }
  })

  return (
    <Stack gap="lg">
      <Group gap="md">
        <PostStateLabel state={post.state} />
        <Text size="sm">
          {t('post.author', { name: post.authorName })}
          {post.state === 'scheduled' && post.scheduledAt
            ? ` · ${t('post.scheduledFor', { when: format.dateTime(post.scheduledAt) })}`
            : ` · ${t('post.changed', { when: format.dateTime(post.updatedAt) })}`}
        </Text>
      </Group>
      <PublicationStatus post={post} timeZone={timeZone} />
      {post.state === 'scheduled' &&
        (publish ? (
          <ScheduledActions
            key={post.version}
            libraryId={libraryId}
            post={post}
            timeZone={timeZone}
          />
        ) : (
          <Alert role="note" variant="light" color="gray">
            {t('post.scheduledReadOnly')}
          </Alert>
        ))}
      {onEdit && (
        <Stack gap="xs" component="section" aria-labelledby="edit-scheduled-heading">
          <Title order={2} size="h4" id="edit-scheduled-heading">
            {t('approval.editScheduled.heading')}
          </Title>
          <Text size="sm" className="prose">
            {t('approval.editScheduled.body')}
          </Text>
          <div>
            <Button variant="default" onClick={onEdit}>
              {t('approval.editScheduled.button')}
            </Button>
          </div>
        </Stack>
      )}
      {post.state === 'published' && publish && <Withdraw libraryId={libraryId} post={post} />}
      <Stack gap="md" component="section" aria-labelledby="content-heading" maw={640}>
        <Title order={2} size="h4" id="content-heading">
          {t('post.content')}
        </Title>
        {previewChannels.map((channel) => (
          <PostPreview
            key={channel.id}
            libraryId={libraryId}
            postId={post.id}
            channel={{ ...channel, limits: undefined }}
            text={post.variants[channel.id] ?? post.text}
            language={post.language}
            images={post.images}
          />
        ))}
        {previewChannels.length === 0 && (
          <Text
            size="sm"
            className="preview-text"
            lang={post.language}
            dir={textDirection(post.language)}
          >
            {post.text}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('postLanguage.shown', { language: languageName(post.language, locale) })}
        </Text>
      </Stack>
    </Stack>
  )
}

function Withdraw({ libraryId, post }: { libraryId: string; post: Post }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const withdraw = useMutation({
    mutationFn: () => deletePost(libraryId, post.id),
    onSuccess: async () => {
      setConfirming(false)
      focusHeadingAfterChange()
      await queryClient.invalidateQueries({ queryKey: postQuery(libraryId, post.id).queryKey })
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'posts'] })
      notify(t('post.withdrawing'))
    },
  })
  return (
    <Stack gap="xs" component="section" aria-labelledby="withdraw-heading">
      <Title order={2} size="h4" id="withdraw-heading">
        {t('post.withdrawTitle')}
      </Title>
      <Text size="sm" className="prose">
        {t('post.withdrawIntro')}
      </Text>
      <div>
        <Button
          variant="default"
          color="red"
          onClick={() => {
            withdraw.reset()
            setConfirming(true)
          }}
        >
          {t('post.withdraw')}
        </Button>
      </div>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('post.withdrawConfirmTitle')}
        body={t('post.withdrawConfirmBody')}
        confirmLabel={t('post.withdraw')}
        onConfirm={() => withdraw.mutate()}
        pending={withdraw.isPending}
        error={withdraw.error}
        fallbackFocus={() => document.querySelector<HTMLElement>('main h1')}
      />
    </Stack>
  )
}

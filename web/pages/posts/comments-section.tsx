import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { findMentions, type Mentionable } from '../../../core/mentions.js'
import { can, type Role } from '../../../core/roles.js'
import type { Comment, Post } from '../../../core/schemas/index.js'
import { addComment, commentsQuery } from '../../api/comments.js'
import { membersQuery } from '../../api/members.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { useFormat } from '../../i18n/format.js'

type Props = { libraryId: string; post: Post; role: Role }

const FIELD_ID = 'new-comment'

/** The staff's own talk about a post, oldest first; never published. */
export function CommentsSection({ libraryId, post, role }: Props) {
  const { t } = useTranslation()
  const comments = useQuery(commentsQuery(libraryId, post.id))
  const members = useQuery(membersQuery(libraryId))
  const mentionable: Mentionable[] = (members.data ?? []).map((m) => ({
    userId: m.userId,
    name: m.name,
  }))

  return (
    <Stack gap="sm" component="section" aria-labelledby="comments-heading" maw={720}>
      <Title order={2} size="h4" id="comments-heading">
        {t('approval.comments.heading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('approval.comments.internal')}
      </Text>
      {comments.isError && <ErrorAlert error={comments.error} />}
      {comments.data?.length === 0 && <Text size="sm">{t('approval.comments.none')}</Text>}
      {comments.data && comments.data.length > 0 && (
        <Stack component="ol" gap="xs" className="plain-list" aria-labelledby="comments-heading">
          {comments.data.map((comment) => (
            <CommentItem key={comment.id} comment={comment} members={mentionable} />
          ))}
        </Stack>
      )}
      {can(role, 'posts.comment') && (
        <CommentForm libraryId={libraryId} postId={post.id} members={mentionable} />
      )}
    </Stack>
  )
}

function CommentItem({ comment, members }: { comment: Comment; members: Mentionable[] }) {
  const format = useFormat()
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={700} component="span">
          {comment.authorName}
        </Text>
        <Text size="sm" c="dimmed" component="time" dateTime={comment.createdAt}>
          {format.dateTime(comment.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {withMentions(comment.text, members)}
      </Text>
    </Paper>
  )
}

/** The text with each @mention in bold: who was asked is seen at a glance. */
function withMentions(text: string, members: Mentionable[]): ReactNode[] {
  const parts: ReactNode[] = []
  let at = 0
  for (const span of findMentions(text, members)) {
    parts.push(text.slice(at, span.start))
    parts.push(<strong key={span.start}>{text.slice(span.start, span.end)}</strong>)
    at = span.end
  }
  parts.push(text.slice(at))
  return parts
}

function CommentForm({
  libraryId,
  postId,
  members,
}: {
  libraryId: string
  postId: string
  members: Mentionable[]
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string>()
  const field = useRef<HTMLTextAreaElement>(null)
  const send = useMutation({
    mutationFn: () => addComment(libraryId, postId, text.trim()),
    onSuccess: async () => {
      setText('')
      notify(t('approval.comments.added'))
      await queryClient.invalidateQueries({ queryKey: commentsQuery(libraryId, postId).queryKey })
      await queryClient.invalidateQueries({
        queryKey: ['library', libraryId, 'post', postId, 'history'],
      })
    },
  })

  const mention = (userId: string) => {
    const member = members.find((m) => m.userId === userId)
    if (!member) return
    const el = field.current
    const start = el?.selectionStart ?? text.length
    const end = el?.selectionEnd ?? text.length
    const before = text.slice(0, start)
    const insert = `${before && !/\s$/.test(before) ? ' ' : ''}@${member.name} `
    const next = before + insert + text.slice(end)
    setText(next)
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(start + insert.length, start + insert.length)
    })
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) {
      setProblem(t('approval.comments.empty'))
      field.current?.focus()
      return
    }
    setProblem(undefined)
    send.mutate()
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          ref={field}
          id={FIELD_ID}
          label={t('approval.comments.new')}
          description={t('approval.comments.mentionHint')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={problem}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
        />
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label={t('approval.comments.mention')}
            value=""
            onChange={(event) => mention(event.currentTarget.value)}
            data={[
              { value: '', label: t('approval.comments.mentionPick') },
              ...members.map((m) => ({ value: m.userId, label: m.name })),
            ]}
            w={240}
            maw="100%"
          />
          <Button type="submit" loading={send.isPending}>
            {t('approval.comments.send')}
          </Button>
        </Group>
        <ErrorAlert error={send.error} />
      </Stack>
    </form>
  )
}

import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SavedReply } from '../../../core/schemas/inbox.js'
import { deleteSavedReply, inboxSettingsKey, savedRepliesQuery } from '../../api/inbox-settings.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { SavedReplyForm } from './saved-reply-form.js'

/** Sparade svar: answers the team writes often, with placeholders Torget fills in. */
export function SavedRepliesSection({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const replies = useQuery(savedRepliesQuery(libraryId))
  const [editing, setEditing] = useState<string | 'new' | null>(null)
  const newButton = useRef<HTMLButtonElement>(null)
  const done = () => {
    setEditing(null)
    requestAnimationFrame(() => newButton.current?.focus())
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="replies-heading">
      <Title order={2} size="h3" id="replies-heading">
        {t('inboxSettings.replies.title')}
      </Title>
      <Text className="prose">{t('inboxSettings.replies.intro')}</Text>
      {editing === 'new' ? (
        <Paper withBorder p="lg" radius="lg">
          <Title order={3} size="h4" mb="sm">
            {t('inboxSettings.replies.newTitle')}
          </Title>
          <SavedReplyForm libraryId={libraryId} onDone={done} />
        </Paper>
      ) : (
        <Group>
          <Button ref={newButton} onClick={() => setEditing('new')}>
            {t('inboxSettings.replies.new')}
          </Button>
        </Group>
      )}
      {replies.isPending ? (
        <Loading />
      ) : replies.isError ? (
        <ErrorAlert error={replies.error} />
      ) : replies.data.length === 0 ? (
        <Text>{t('inboxSettings.replies.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" className="plain-list" aria-labelledby="replies-heading">
          {replies.data.map((reply) => (
            <li key={reply.id}>
              {editing === reply.id ? (
                <Paper withBorder p="lg" radius="lg">
                  <Title order={3} size="h4" mb="sm">
                    {t('inboxSettings.replies.editTitle', { title: reply.title })}
                  </Title>
                  <SavedReplyForm libraryId={libraryId} reply={reply} onDone={done} />
                </Paper>
              ) : (
                <ReplyCard
                  libraryId={libraryId}
                  reply={reply}
                  onEdit={() => setEditing(reply.id)}
                />
              )}
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

function ReplyCard({
  libraryId,
  reply,
  onEdit,
}: {
  libraryId: string
  reply: SavedReply
  onEdit: () => void
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const remove = useMutation({
    mutationFn: () => deleteSavedReply(libraryId, reply.id),
    onSuccess: async () => {
      setConfirming(false)
      notify(t('inboxSettings.replies.removed', { title: reply.title }))
      await queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) })
    },
  })
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {reply.title}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {reply.body}
        </Text>
        <Text size="xs" c="dark.4">
          {t('inboxSettings.replies.updated', {
            name: reply.updatedBy.name,
            when: format.date(reply.updatedAt),
          })}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onEdit}>
            {t('inboxSettings.change')}
            <span className="visually-hidden"> – {reply.title}</span>
          </Button>
          <Button size="xs" color="red" variant="outline" onClick={() => setConfirming(true)}>
            {t('inboxSettings.remove')}
            <span className="visually-hidden"> – {reply.title}</span>
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('inboxSettings.replies.removeTitle', { title: reply.title })}
        body={t('inboxSettings.replies.removeBody')}
        confirmLabel={t('inboxSettings.replies.removeConfirm')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Paper>
  )
}

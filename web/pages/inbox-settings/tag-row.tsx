import { Button, Group, Paper, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type InboxTag, deleteTag, inboxSettingsKey, renameTag } from '../../api/inbox-settings.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert, useErrorMessage } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { MoveButtons } from './move-buttons.js'

export function TagRow(props: {
  libraryId: string
  tag: InboxTag
  first: boolean
  last: boolean
  onMove: (step: -1 | 1) => void
}) {
  const { t } = useTranslation()
  const { tag, libraryId } = props
  const queryClient = useQueryClient()
  const [renaming, setRenaming] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const changed = () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) })
  const remove = useMutation({
    mutationFn: () => deleteTag(libraryId, tag.id),
    onSuccess: async () => {
      setConfirming(false)
      notify(t('inboxSettings.tags.removed', { name: tag.name }))
      await changed()
    },
  })
  // A tag no message carries goes at once; one in use is asked about first.
  const askRemove = () => (tag.items > 0 ? setConfirming(true) : remove.mutate())

  return (
    <Paper withBorder px="md" py="xs" radius="md">
      {renaming ? (
        <RenameForm libraryId={libraryId} tag={tag} onDone={() => setRenaming(false)} />
      ) : (
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="sm">
            <Text fw={600}>{tag.name}</Text>
            <Text size="sm" c="dark.4">
              {t('inboxSettings.tags.used', { count: tag.items })}
            </Text>
          </Group>
          <Group gap="xs">
            <MoveButtons
              id={tag.id}
              name={tag.name}
              first={props.first}
              last={props.last}
              onMove={props.onMove}
            />
            <Button size="xs" variant="default" onClick={() => setRenaming(true)}>
              {t('inboxSettings.rename')}
              <span className="visually-hidden"> – {tag.name}</span>
            </Button>
            <Button
              size="xs"
              color="red"
              variant="outline"
              onClick={askRemove}
              loading={remove.isPending && !confirming}
            >
              {t('inboxSettings.remove')}
              <span className="visually-hidden"> – {tag.name}</span>
            </Button>
          </Group>
        </Group>
      )}
      {!confirming && <ErrorAlert error={remove.error} />}
      <ConfirmDialog
        opened={confirming}
        title={t('inboxSettings.tags.removeTitle', { name: tag.name })}
        body={t('inboxSettings.tags.removeBody', { count: tag.items, name: tag.name })}
        confirmLabel={t('inboxSettings.tags.removeConfirm')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        pending={remove.isPending}
        error={remove.error}
        fallbackFocus={() => document.getElementById('new-tag')}
      />
    </Paper>
  )
}

function RenameForm({
  libraryId,
  tag,
  onDone,
}: {
  libraryId: string
  tag: InboxTag
  onDone: () => void
}) {
  const { t } = useTranslation()
  const message = useErrorMessage()
  const queryClient = useQueryClient()
  const [name, setName] = useState(tag.name)
  const [problem, setProblem] = useState<string | null>(null)
  const rename = useMutation({
    mutationFn: (value: string) => renameTag(libraryId, tag.id, value),
    onSuccess: async () => {
      onDone()
      await queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) })
    },
    onError: (error) => setProblem(message(error)),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = name.trim()
    if (!value) return setProblem(t('validation.required'))
    if (value === tag.name) return onDone()
    rename.mutate(value)
  }
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('inboxSettings.tags.renameLabel', { name: tag.name })}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problem}
          maxLength={40}
          autoFocus
          w={260}
          maw="100%"
        />
        <Button type="submit" size="sm" loading={rename.isPending}>
          {t('common.save')}
        </Button>
        <Button size="sm" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </form>
  )
}

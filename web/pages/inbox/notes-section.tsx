import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { addInboxNote, refreshInboxItem } from '../../api/inbox.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { useFormat } from '../../i18n/format.js'

const FIELD_ID = 'inbox-note'

type Props = { libraryId: string; detail: InboxItemDetail; canWrite: boolean }

/** Colleagues' notes on the item, for each other only: never published. */
export function NotesSection({ libraryId, detail, canWrite }: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <Stack gap="xs" component="section" aria-labelledby="inbox-notes">
      <Title order={3} size="h5" id="inbox-notes">
        {t('inbox.notes.heading')}
      </Title>
      <Text size="sm" c="gray.8">
        {t('inbox.notes.internal')}
      </Text>
      {detail.notes.length === 0 ? (
        <Text size="sm">{t('inbox.notes.none')}</Text>
      ) : (
        <Stack component="ol" gap="xs" className="plain-list" aria-labelledby="inbox-notes">
          {detail.notes.map((note) => (
            <Paper component="li" key={note.id} withBorder p="xs" radius="sm" bg="gray.0">
              <Group gap="xs" mb={2}>
                <Text size="sm" fw={700} component="span">
                  {note.author.name}
                </Text>
                <Text size="sm" c="gray.8" component="time" dateTime={note.createdAt}>
                  {format.shortDateTime(note.createdAt)}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {note.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {canWrite && <NoteForm libraryId={libraryId} itemId={detail.item.id} />}
    </Stack>
  )
}

function NoteForm({ libraryId, itemId }: { libraryId: string; itemId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string>()
  const add = useMutation({
    mutationFn: () => addInboxNote(libraryId, itemId, body.trim()),
    onSuccess: () => {
      setBody('')
      notify(t('inbox.notes.added'))
    },
    onSettled: () => refreshInboxItem(queryClient, libraryId, itemId),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!body.trim()) {
      setProblem(t('inbox.notes.empty'))
      document.getElementById(FIELD_ID)?.focus()
      return
    }
    setProblem(undefined)
    add.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          id={FIELD_ID}
          label={t('inbox.notes.field')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={problem}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={4000}
        />
        <ErrorAlert error={add.error} />
        <Group>
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('inbox.notes.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

import { Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SavedReply } from '../../../core/schemas/inbox.js'
import { fieldErrors, isApiError } from '../../api/client.js'
import { createSavedReply, inboxSettingsKey, updateSavedReply } from '../../api/inbox-settings.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { focusFirstInvalid } from '../../components/form.js'
import { notify } from '../../components/notify.js'
import { PlaceholderHelp } from './placeholder-help.js'
import { usePlaceholders } from './use-placeholders.js'

/** Writes a saved reply; unknown placeholders are caught while typing, before the server sees them. */
export function SavedReplyForm(props: {
  libraryId: string
  reply?: SavedReply
  onDone: () => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useRef<HTMLFormElement>(null)
  const bodyField = useRef<HTMLTextAreaElement>(null)
  const placeholders = usePlaceholders(props.libraryId)
  const [title, setTitle] = useState(props.reply?.title ?? '')
  const [body, setBody] = useState(props.reply?.body ?? '')
  const [tried, setTried] = useState(false)
  const unknown = placeholders.unknown(body)
  const problems = {
    title: title.trim() ? undefined : t('validation.required'),
    body: !body.trim()
      ? t('validation.required')
      : unknown.length > 0
        ? t('inboxSettings.replies.unknown', {
            count: unknown.length,
            names: unknown.map((name) => `{${name}}`).join(', '),
          })
        : undefined,
  }
  const save = useMutation({
    mutationFn: () => {
      const input = { title: title.trim(), body: body.trim() }
      return props.reply
        ? updateSavedReply(props.libraryId, props.reply.id, input)
        : createSavedReply(props.libraryId, input)
    },
    onSuccess: async (reply) => {
      notify(t('inboxSettings.replies.saved', { title: reply.title }))
      await queryClient.invalidateQueries({ queryKey: inboxSettingsKey(props.libraryId) })
      props.onDone()
    },
    onError: () => focusFirstInvalid(form.current),
  })
  const server = fieldErrors(save.error)
  // The server names each unknown placeholder in the details; the form usually caught them first.
  const serverBody = isApiError(save.error, 'unknown_placeholder')
    ? [save.error.message, ...save.error.details.map((detail) => detail.message)].join(' ')
    : server.body
  // Unknown placeholders are shown at once; an empty field only after trying to save.
  const bodyProblem = (tried || unknown.length > 0 ? problems.body : undefined) ?? serverBody
  const titleProblem = (tried ? problems.title : undefined) ?? server.title

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (problems.title || problems.body) return focusFirstInvalid(form.current)
    save.mutate()
  }
  const insert = (name: string) => {
    const field = bodyField.current
    const token = `{${name}}`
    const at = field?.selectionStart ?? body.length
    const end = field?.selectionEnd ?? at
    setBody(body.slice(0, at) + token + body.slice(end))
    requestAnimationFrame(() => {
      field?.focus()
      field?.setSelectionRange(at + token.length, at + token.length)
    })
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('inboxSettings.replies.titleLabel')}
          description={t('inboxSettings.replies.titleHint')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={titleProblem}
          maxLength={80}
          required
          w={{ base: '100%', sm: 420 }}
        />
        <Textarea
          ref={bodyField}
          label={t('inboxSettings.replies.bodyLabel')}
          description={t('inboxSettings.replies.bodyHint')}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={bodyProblem}
          maxLength={5000}
          autosize
          minRows={4}
          required
        />
        <PlaceholderHelp placeholders={placeholders.list} onInsert={insert} />
        <Paper
          withBorder
          p="md"
          radius="md"
          bg="gray.0"
          component="section"
          aria-labelledby="reply-preview"
        >
          <Title order={4} size="h6" id="reply-preview">
            {t('inboxSettings.replies.preview')}
          </Title>
          <Text size="xs" c="dark.4" mb="xs">
            {t('inboxSettings.replies.previewHint')}
          </Text>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid="reply-preview"
          >
            {body.trim() ? placeholders.preview(body) : t('inboxSettings.replies.previewEmpty')}
          </Text>
        </Paper>
        {!serverBody && !server.title && <ErrorAlert error={save.error} />}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('inboxSettings.replies.save')}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

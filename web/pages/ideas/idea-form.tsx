import {
  Button,
  FileButton,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IDEA_ALT_MAX, IDEA_TEXT_MAX } from '../../../core/idea-board.js'
import { createIdea, setIdeaPhoto } from '../../api/ideas.js'
import { upcomingEventsQuery } from '../../api/events.js'
import { IMAGE_TYPES, MAX_UPLOAD_BYTES } from '../../api/posts.js'
import { ErrorAlert, useErrorMessage } from '../../components/error-alert.js'
import { fieldErrors } from '../../api/client.js'
import { notify } from '../../components/notify.js'
import { useFormat } from '../../i18n/format.js'

type Photo = { file: File; preview: string }

/** A new idea in a few seconds on a phone: one line, and a photo, book, event or link if at hand. */
export function IdeaForm({ libraryId, timeZone }: { libraryId: string; timeZone: string }) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const message = useErrorMessage()
  const queryClient = useQueryClient()
  const resetFile = useRef<() => void>(null)
  const [text, setText] = useState('')
  const [photo, setPhoto] = useState<Photo>()
  const [alt, setAlt] = useState('')
  const [more, setMore] = useState(false)
  const [book, setBook] = useState('')
  const [eventId, setEventId] = useState('')
  const [link, setLink] = useState('')
  const [problems, setProblems] = useState<{ text?: string; alt?: string; photo?: string }>({})
  const events = useQuery({ ...upcomingEventsQuery(libraryId), enabled: more })

  const save = useMutation({
    mutationFn: async () => {
      const idea = await createIdea(libraryId, {
        text,
        book: book || null,
        eventId: eventId || null,
        link: link || null,
      })
      if (!photo) return { photoError: undefined }
      try {
        await setIdeaPhoto(libraryId, idea.id, photo.file, alt.trim())
        return { photoError: undefined }
      } catch (error) {
        return { photoError: error }
      }
    },
    onSuccess: ({ photoError }) => {
      void queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'ideas'] })
      if (photoError) {
        setProblems({ photo: t('ideas.form.savedWithoutPhoto', { problem: message(photoError) }) })
        return
      }
      notify(t('ideas.form.saved'))
      setText('')
      setPhoto(undefined)
      setAlt('')
      setBook('')
      setEventId('')
      setLink('')
      setProblems({})
    },
  })

  const onFile = (file: File | null) => {
    resetFile.current?.()
    if (!file) return
    if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
      setProblems({ photo: t('images.wrongType') })
      return
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setProblems({ photo: t('images.tooLarge') })
      return
    }
    setProblems({})
    const reader = new FileReader()
    // A data: address, since the page's content policy allows no blob: images.
    reader.onload = () => setPhoto({ file, preview: String(reader.result) })
    reader.readAsDataURL(file)
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const found: typeof problems = {}
    if (!text.trim()) found.text = t('ideas.form.textMissing')
    if (photo && !alt.trim()) found.alt = t('ideas.form.altMissing')
    setProblems(found)
    if (Object.keys(found).length === 0) save.mutate()
  }
  const serverFields = fieldErrors(save.error)

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="new-idea-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-idea-heading">
            {t('ideas.form.title')}
          </Title>
          <Textarea
            label={t('ideas.form.text')}
            description={t('ideas.form.textHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={IDEA_TEXT_MAX}
            error={problems.text ?? serverFields.text}
            autosize
            minRows={2}
            required
          />
          {photo ? (
            <Group align="flex-start" gap="sm" wrap="wrap">
              <img className="image-thumb" src={photo.preview} alt="" width={120} height={120} />
              <Stack gap={4} style={{ flex: 1, minWidth: 200 }}>
                <Textarea
                  label={t('ideas.form.alt')}
                  description={t('images.altHint')}
                  value={alt}
                  onChange={(e) => setAlt(e.currentTarget.value)}
                  maxLength={IDEA_ALT_MAX}
                  error={problems.alt}
                  autosize
                  minRows={2}
                  required
                />
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => {
                    setPhoto(undefined)
                    setAlt('')
                  }}
                >
                  {t('ideas.form.removePhoto')}
                </Button>
              </Stack>
            </Group>
          ) : (
            <FileButton resetRef={resetFile} onChange={onFile} accept={IMAGE_TYPES.join(',')}>
              {(props) => (
                <Button variant="default" {...props}>
                  {t('ideas.form.addPhoto')}
                </Button>
              )}
            </FileButton>
          )}
          {problems.photo && (
            <Text c="red.8" size="sm" role="alert">
              {problems.photo}
            </Text>
          )}
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setMore((m) => !m)}
            aria-expanded={more}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('ideas.form.more')}
          </Button>
          {more && (
            <Stack gap="sm" id="idea-more">
              <TextInput
                label={t('ideas.form.book')}
                description={t('ideas.form.bookHint')}
                value={book}
                onChange={(e) => setBook(e.currentTarget.value)}
                maxLength={300}
              />
              <NativeSelect
                label={t('ideas.form.event')}
                value={eventId}
                onChange={(e) => setEventId(e.currentTarget.value)}
                data={[
                  { value: '', label: t('ideas.form.noEvent') },
                  ...(events.data ?? []).map((ev) => ({
                    value: ev.id,
                    label: `${ev.summary} (${format.date(ev.startsAt)})`,
                  })),
                ]}
              />
              <TextInput
                label={t('ideas.form.link')}
                description={t('ideas.form.linkHint')}
                type="url"
                inputMode="url"
                value={link}
                onChange={(e) => setLink(e.currentTarget.value)}
                error={serverFields.link && t('ideas.form.linkInvalid')}
              />
            </Stack>
          )}
          {save.isError && !serverFields.link && <ErrorAlert error={save.error} />}
          <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('ideas.form.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}

import {
  Alert,
  Button,
  FileButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { type ErrorCode, ERRORS, errorMessage } from '../../../core/errors.js'
import { can } from '../../../core/roles.js'
import type { EventSource, LibraryEvent } from '../../../core/schemas/event.js'
import {
  MAX_ICS_BYTES,
  addEventFeed,
  eventSourcesQuery,
  refreshEventSource,
  removeEventSource,
  replaceEventFile,
  upcomingEventsQuery,
  uploadEventFile,
} from '../../api/events.js'
import { useMembership } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { StatusLabel } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { PlanningLinks } from '../campaigns/planning-links.js'

export function EventsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const manage = can(membership.role, 'events.manage')
  const sources = useQuery(eventSourcesQuery(libraryId))

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('campaigns.events.title')}</PageHeading>
        <Text className="prose">{t('campaigns.events.intro')}</Text>
      </Stack>
      <PlanningLinks libraryId={libraryId} />

      <Stack gap="sm" component="section" aria-labelledby="event-sources">
        <Title order={2} size="h3" id="event-sources">
          {t('campaigns.events.sources')}
        </Title>
        {sources.isPending ? (
          <Loading />
        ) : sources.isError ? (
          <ErrorAlert error={sources.error} />
        ) : sources.data.length === 0 ? (
          <Text className="prose">
            {manage ? t('campaigns.events.noSourcesManage') : t('campaigns.events.noSources')}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" className="plain-list">
            {sources.data.map((source) => (
              <li key={source.id}>
                <SourceCard
                  libraryId={libraryId}
                  source={source}
                  manage={manage}
                  timeZone={membership.timeZone}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      {manage && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <AddFeedForm libraryId={libraryId} />
          <UploadFileForm libraryId={libraryId} />
        </SimpleGrid>
      )}

      <UpcomingEvents libraryId={libraryId} manage={manage} timeZone={membership.timeZone} />
    </Stack>
  )
}

function useSourceChanged(libraryId: string) {
  const queryClient = useQueryClient()
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'event-sources'] })
    await queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'events'] })
  }
}

function SourceCard(props: {
  libraryId: string
  source: EventSource
  manage: boolean
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  const format = useFormat(props.timeZone)
  const changed = useSourceChanged(props.libraryId)
  const [confirming, setConfirming] = useState(false)
  const { source } = props
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const refresh = useMutation({
    mutationFn: () => refreshEventSource(props.libraryId, source.id),
    onSuccess: () => notify(t('campaigns.events.refreshed', { name: source.name })),
    onSettled: changed,
  })
  const replace = useMutation({
    mutationFn: (file: File) => replaceEventFile(props.libraryId, source.id, file),
    onSuccess: () => notify(t('campaigns.events.replaced', { name: source.name })),
    onSettled: changed,
  })
  const remove = useMutation({
    mutationFn: () => removeEventSource(props.libraryId, source.id),
    onSuccess: async () => {
      setConfirming(false)
      notify(t('campaigns.events.removed', { name: source.name }))
      await changed()
    },
  })
  const problem =
    source.lastError && source.lastError.code in ERRORS
      ? errorMessage(source.lastError.code as ErrorCode, locale)
      : undefined

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="sm">
          <Title order={3} size="h5">
            {source.name}
          </Title>
          {source.lastError ? (
            <StatusLabel tone="bad">{t('campaigns.events.failing')}</StatusLabel>
          ) : (
            <StatusLabel tone="ok">{t('campaigns.events.working')}</StatusLabel>
          )}
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {source.kind === 'url' ? source.url : t('campaigns.events.uploadedFile')}
        </Text>
        <Text size="sm">
          {t('campaigns.events.counts', { count: source.eventCount })}
          {source.lastSuccessAt &&
            ` · ${t('campaigns.events.readAt', { when: format.dateTime(source.lastSuccessAt) })}`}
        </Text>
        {problem && source.lastError && (
          <Alert
            color="red"
            variant="light"
            title={t('campaigns.events.problemTitle', {
              when: format.dateTime(source.lastError.at),
            })}
          >
            {problem} {t('campaigns.events.keptAsBefore')}
          </Alert>
        )}
        {props.manage && (
          <Group gap="sm" mt={4}>
            {source.kind === 'url' ? (
              <Button
                size="xs"
                variant="default"
                onClick={() => refresh.mutate()}
                loading={refresh.isPending}
              >
                {t('campaigns.events.refresh', { name: source.name })}
              </Button>
            ) : (
              <FileButton accept=".ics,text/calendar" onChange={(f) => f && replace.mutate(f)}>
                {(button) => (
                  <Button size="xs" variant="default" loading={replace.isPending} {...button}>
                    {t('campaigns.events.uploadAgain', { name: source.name })}
                  </Button>
                )}
              </FileButton>
            )}
            <Button size="xs" color="red" variant="outline" onClick={() => setConfirming(true)}>
              {t('campaigns.events.remove', { name: source.name })}
            </Button>
          </Group>
        )}
        <ErrorAlert error={refresh.error ?? replace.error} />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('campaigns.events.removeTitle', { name: source.name })}
        body={t('campaigns.events.removeBody')}
        confirmLabel={t('campaigns.events.removeConfirm')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Paper>
  )
}

function AddFeedForm({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const changed = useSourceChanged(libraryId)
  const [url, setUrl] = useState('')
  const [name, setName] = useState('')
  const [missing, setMissing] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const add = useMutation({
    mutationFn: () => addEventFeed(libraryId, { url, ...(name.trim() && { name }) }),
    onSuccess: async (source) => {
      notify(t('campaigns.events.added', { name: source.name, count: source.eventCount }))
      setUrl('')
      setName('')
      await changed()
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!url.trim()) {
      setMissing(true)
      input.current?.focus()
      return
    }
    setMissing(false)
    add.mutate()
  }
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="add-feed">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-feed">
            {t('campaigns.events.addFeedTitle')}
          </Title>
          <Text size="sm">{t('campaigns.events.addFeedIntro')}</Text>
          <TextInput
            ref={input}
            type="url"
            label={t('campaigns.events.feedUrl')}
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={missing ? t('validation.required') : undefined}
            required
          />
          <TextInput
            label={t('campaigns.events.feedName')}
            description={t('campaigns.events.feedNameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={120}
          />
          <ErrorAlert error={add.error} />
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('campaigns.events.addFeed')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

function UploadFileForm({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const changed = useSourceChanged(libraryId)
  const [tooLarge, setTooLarge] = useState(false)
  const upload = useMutation({
    mutationFn: (file: File) => uploadEventFile(libraryId, file),
    onSuccess: async (source) => {
      notify(t('campaigns.events.added', { name: source.name, count: source.eventCount }))
      await changed()
    },
  })
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="upload-file">
      <Stack gap="sm">
        <Title order={2} size="h4" id="upload-file">
          {t('campaigns.events.uploadTitle')}
        </Title>
        <Text size="sm">{t('campaigns.events.uploadIntro')}</Text>
        <Group>
          <FileButton
            accept=".ics,text/calendar"
            onChange={(file) => {
              if (!file) return
              setTooLarge(file.size > MAX_ICS_BYTES)
              if (file.size <= MAX_ICS_BYTES) upload.mutate(file)
            }}
          >
            {(button) => (
              <Button variant="default" loading={upload.isPending} {...button}>
                {t('campaigns.events.upload')}
              </Button>
            )}
          </FileButton>
        </Group>
        {tooLarge && (
          <Alert color="red" variant="light" role="alert">
            {t('campaigns.events.fileTooLarge')}
          </Alert>
        )}
        <ErrorAlert error={upload.error} />
      </Stack>
    </Paper>
  )
}

function UpcomingEvents(props: { libraryId: string; manage: boolean; timeZone: string }) {
  const { t } = useTranslation()
  const events = useQuery(upcomingEventsQuery(props.libraryId))
  return (
    <Stack gap="sm" component="section" aria-labelledby="upcoming-events">
      <Title order={2} size="h3" id="upcoming-events">
        {t('campaigns.events.upcoming')}
      </Title>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorAlert error={events.error} />
      ) : events.data.length === 0 ? (
        <Text className="prose">{t('campaigns.events.noUpcoming')}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list">
          {events.data.map((event) => (
            <li key={event.id}>
              <EventRow {...props} event={event} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

function EventRow(props: {
  libraryId: string
  manage: boolean
  timeZone: string
  event: LibraryEvent
}) {
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  const { event } = props
  const cancelled = event.status === 'cancelled'
  const when = event.allDay ? format.date(event.startsAt) : format.shortDateTime(event.startsAt)
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: 1, minWidth: 220 }}>
          <Text fw={600} td={cancelled ? 'line-through' : undefined}>
            {event.summary}
          </Text>
          <Text size="sm">
            {when}
            {event.location ? ` · ${event.location}` : ''} · {event.sourceName}
          </Text>
        </Stack>
        {cancelled && <StatusLabel tone="bad">{t('campaigns.events.cancelled')}</StatusLabel>}
        {props.manage && !cancelled && (
          <ButtonLink
            to="/bibliotek/$libraryId/planering/kampanjer/ny"
            params={{ libraryId: props.libraryId }}
            search={{ evenemang: event.id }}
            size="xs"
            variant="light"
            aria-label={t('campaigns.events.toCampaignNamed', { name: event.summary, when })}
          >
            {t('campaigns.events.toCampaign')}
          </ButtonLink>
        )}
      </Group>
    </Paper>
  )
}

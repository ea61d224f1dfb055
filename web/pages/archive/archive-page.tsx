import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams, useSearch } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ARCHIVE_ENTRY_KINDS, type ArchiveEntry } from '../../../core/archive/entry.js'
import { can } from '../../../core/roles.js'
import { isLocalDate } from '../../../core/time/zoned.js'
import {
  type ArchiveFilters,
  addRequestItems,
  archiveRequestQuery,
  archiveSearchQuery,
} from '../../api/archive.js'
import { channelsQuery } from '../../api/channels.js'
import { useMembership } from '../../api/use-session.js'
import { DateInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { channelName } from '../../components/network.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'
import type { ArchiveSearch } from './archive-search.js'
import { EntryContent, EntryFacts, amendmentsBySubject } from './entry-view.js'

const FROM = '/signed-in/bibliotek/$libraryId/arkiv'

/** Arkiv: find what the library published and received, and collect it for a request. */
export function ArchivePage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const search = useSearch({ from: FROM })
  const navigate = useNavigate({ from: '/bibliotek/$libraryId/arkiv' })
  if (!can(membership.role, 'archive.read')) return <NotAllowed />
  const filters: ArchiveFilters = {
    from: search.fran,
    to: search.till,
    channel: search.kanal,
    kind: search.typ,
    person: search.person,
    q: search.sok,
  }
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('archive.title')}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
        <Text className="prose">{t('archive.intro')}</Text>
      </Stack>
      {search.begaran && <CollectingFor libraryId={libraryId} requestId={search.begaran} />}
      <SearchForm
        libraryId={libraryId}
        search={search}
        onApply={(next) => void navigate({ search: { ...next, begaran: search.begaran } })}
      />
      <Results
        libraryId={libraryId}
        filters={filters}
        timeZone={membership.timeZone}
        requestId={search.begaran}
      />
    </Stack>
  )
}

function CollectingFor({ libraryId, requestId }: { libraryId: string; requestId: string }) {
  const { t } = useTranslation()
  const request = useQuery(archiveRequestQuery(libraryId, requestId))
  if (!request.data) return null
  return (
    <Alert variant="light" color="blue" role="note" title={t('archive.collecting.title')}>
      <Stack gap="xs">
        <Text>
          {t('archive.collecting.text', {
            diarienummer: request.data.diarienummer,
            count: request.data.items.length,
          })}
        </Text>
        <AnchorLink
          to="/bibliotek/$libraryId/arkiv/utlamnanden/$requestId"
          params={{ libraryId, requestId }}
        >
          {t('archive.collecting.back', { diarienummer: request.data.diarienummer })}
        </AnchorLink>
      </Stack>
    </Alert>
  )
}

function SearchForm({
  libraryId,
  search,
  onApply,
}: {
  libraryId: string
  search: ArchiveSearch
  onApply: (search: ArchiveSearch) => void
}) {
  const { t } = useTranslation()
  const channels = useQuery(channelsQuery(libraryId))
  const [from, setFrom] = useState(search.fran ?? '')
  const [to, setTo] = useState(search.till ?? '')
  const [channel, setChannel] = useState(search.kanal ?? '')
  const [kind, setKind] = useState<string>(search.typ ?? '')
  const [person, setPerson] = useState(search.person ?? '')
  const [text, setText] = useState(search.sok ?? '')
  const wrong = (value: string) => (value && !isLocalDate(value) ? t('dateTime.dateInvalid') : null)
  const backwards = from && to && isLocalDate(from) && isLocalDate(to) && to < from

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (wrong(from) || wrong(to) || backwards) return
    const next: ArchiveSearch = {}
    if (from) next.fran = from
    if (to) next.till = to
    if (channel) next.kanal = channel
    if (kind) next.typ = kind as ArchiveSearch['typ']
    if (person.trim()) next.person = person.trim().replace(/^@/, '')
    if (text.trim()) next.sok = text.trim()
    onApply(next)
  }

  return (
    <Paper
      withBorder
      p="md"
      radius="lg"
      component="form"
      role="search"
      onSubmit={submit}
      aria-label={t('archive.search.label')}
    >
      <Stack gap="sm">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            id="archive-q"
            label={t('archive.search.text')}
            description={t('archive.search.textHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={200}
            w={320}
            maw="100%"
          />
          <TextInput
            id="archive-person"
            label={t('archive.search.person')}
            description={t('archive.search.personHint')}
            value={person}
            onChange={(e) => setPerson(e.currentTarget.value)}
            maxLength={300}
            w={260}
            maw="100%"
          />
        </Group>
        <Group align="flex-end" gap="md" wrap="wrap">
          <DateInput
            id="archive-from"
            label={t('archive.search.from')}
            value={from}
            onChange={(value) => setFrom(value.trim())}
            error={wrong(from)}
          />
          <DateInput
            id="archive-to"
            label={t('archive.search.to')}
            value={to}
            onChange={(value) => setTo(value.trim())}
            error={wrong(to) ?? (backwards ? t('archive.search.backwards') : null)}
          />
          <NativeSelect
            id="archive-channel"
            label={t('archive.search.channel')}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            data={[
              { value: '', label: t('archive.search.allChannels') },
              ...(channels.data ?? []).map((c) => ({ value: c.id, label: channelName(c) })),
            ]}
            w={220}
            maw="100%"
          />
          <NativeSelect
            id="archive-kind"
            label={t('archive.search.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={[
              { value: '', label: t('archive.search.allKinds') },
              ...ARCHIVE_ENTRY_KINDS.map((k) => ({ value: k, label: t(`archive.kind.${k}`) })),
            ]}
            w={220}
            maw="100%"
          />
          <Button type="submit">{t('archive.search.submit')}</Button>
        </Group>
      </Stack>
    </Paper>
  )
}

function Results({
  libraryId,
  filters,
  timeZone,
  requestId,
}: {
  libraryId: string
  filters: ArchiveFilters
  timeZone: string
  requestId: string | undefined
}) {
  const { t } = useTranslation()
  const results = useInfiniteQuery(archiveSearchQuery(libraryId, filters))
  const entries = results.data?.pages.flatMap((page) => page.items) ?? []
  const count = results.isSuccess
    ? results.hasNextPage
      ? t('archive.results.countMore', { count: entries.length })
      : t('archive.results.count', { count: entries.length })
    : ''
  return (
    <Stack gap="md">
      {/* Always present, so the count is read out when a search changes it. */}
      <Text role="status" aria-live="polite" fw={600}>
        {count}
      </Text>
      {results.isPending && <Loading />}
      {results.isError && <ErrorAlert error={results.error} />}
      {results.isSuccess && entries.length === 0 && <Text>{t('archive.results.none')}</Text>}
      {entries.length > 0 &&
        (requestId ? (
          <Collect
            libraryId={libraryId}
            requestId={requestId}
            entries={entries}
            timeZone={timeZone}
          />
        ) : (
          <ResultList libraryId={libraryId} entries={entries} timeZone={timeZone} />
        ))}
      {results.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void results.fetchNextPage()}
            loading={results.isFetchingNextPage}
          >
            {t('archive.results.more')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

function ResultList({
  libraryId,
  entries,
  timeZone,
  selection,
}: {
  libraryId: string
  entries: ArchiveEntry[]
  timeZone: string
  selection?: { chosen: Set<string>; toggle: (id: string) => void; requestId: string }
}) {
  const { t } = useTranslation()
  const amendments = amendmentsBySubject(entries)
  return (
    <Stack gap="sm" component="ol" aria-label={t('archive.results.label')} className="plain-list">
      {entries.map((entry) => (
        <Paper component="li" key={entry.id} withBorder p="md" radius="md">
          <Group align="flex-start" wrap="nowrap" gap="md">
            {selection && (
              <Checkbox
                mt={4}
                checked={selection.chosen.has(entry.id)}
                onChange={() => selection.toggle(entry.id)}
                aria-label={t('archive.collect.choose', {
                  what: t(`archive.kind.${entry.kind}`),
                  seq: entry.seq,
                })}
              />
            )}
            <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
              <EntryFacts
                entry={entry}
                libraryId={libraryId}
                timeZone={timeZone}
                amendments={amendments.get(entry.subject)}
              />
              <EntryContent entry={entry} excerpt />
              <AnchorLink
                to="/bibliotek/$libraryId/arkiv/post/$entryId"
                params={{ libraryId, entryId: entry.id }}
                search={selection ? { begaran: selection.requestId } : {}}
                size="sm"
              >
                {t('archive.results.open', { seq: entry.seq })}
              </AnchorLink>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  )
}

function Collect({
  libraryId,
  requestId,
  entries,
  timeZone,
}: {
  libraryId: string
  requestId: string
  entries: ArchiveEntry[]
  timeZone: string
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)
  const add = async (ids: string[]) => {
    setBusy(true)
    setError(null)
    try {
      const request = await addRequestItems(libraryId, requestId, ids)
      queryClient.setQueryData(archiveRequestQuery(libraryId, requestId).queryKey, request)
      setDone(t('archive.collect.added', { count: ids.length, total: request.items.length }))
      setChosen(new Set())
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button onClick={() => void add([...chosen])} disabled={chosen.size === 0} loading={busy}>
          {t('archive.collect.chosen', { count: chosen.size })}
        </Button>
        <Button variant="default" onClick={() => void add(entries.map((e) => e.id))} loading={busy}>
          {t('archive.collect.all', { count: entries.length })}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      <Text role="status">{done}</Text>
      <ResultList
        libraryId={libraryId}
        entries={entries}
        timeZone={timeZone}
        selection={{ chosen, toggle, requestId }}
      />
    </Stack>
  )
}

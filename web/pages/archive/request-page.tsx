import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArchiveEntry } from '../../../core/archive/entry.js'
import { applyMasks, effectiveMasks } from '../../../core/archive/masking.js'
import { can } from '../../../core/roles.js'
import type {
  ArchiveMask,
  ArchiveRequest,
  CreateMask,
} from '../../../core/schemas/archive-request.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import {
  addMask,
  archiveRequestQuery,
  archiveRequestsQuery,
  removeMask,
  removeRequestItem,
} from '../../api/archive.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert, useErrorMessage } from '../../components/error-alert.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'
import { EntryFacts, entryText } from './entry-view.js'
import { MaskForm } from './mask-form.js'
import { DecisionForm, ReleaseLog, ReleaseSection } from './release-section.js'

const MARKER = /(\[maskerat enligt [^\]]*\]|\[masked under [^\]]*\])/

/** One request for public records: its records under review, the release and its log. */
export function ArchiveRequestPage() {
  const { t } = useTranslation()
  const { libraryId, requestId } = useParams({
    from: '/signed-in/bibliotek/$libraryId/arkiv/utlamnanden/$requestId',
  })
  const membership = useMembership(libraryId)
  const allowed = can(membership.role, 'archive.read')
  const request = useQuery({ ...archiveRequestQuery(libraryId, requestId), enabled: allowed })
  if (!allowed) return <NotAllowed />
  if (request.isPending) return <Loading />
  if (request.isError) return <ErrorAlert error={request.error} />
  const r = request.data
  const tz = membership.timeZone
  const received = utcToZoned(r.receivedAt, tz)
  const open = r.state === 'open'
  const prepare = open && can(membership.role, 'archive.prepare')
  const release = can(membership.role, 'archive.release')
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('archive.request.title', { diarienummer: r.diarienummer })}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
      </Stack>
      <Paper withBorder p="md" radius="md">
        <Stack gap={4}>
          <Text>
            <strong>{t('archive.request.state')}:</strong> {t(`archive.state.${r.state}`)}
          </Text>
          <Text>
            <strong>{t('archive.request.receivedAt')}:</strong>{' '}
            {`${received.date} ${received.time}`}
          </Text>
          <Text>
            <strong>{t('archive.request.requester')}:</strong>{' '}
            {r.requester ?? t('archive.request.anonymous')}
          </Text>
          {r.description && <Text>{r.description}</Text>}
          {r.decisionNote && (
            <Text>
              <strong>{t('archive.request.decisionNote')}:</strong> {r.decisionNote}
            </Text>
          )}
        </Stack>
      </Paper>
      <section aria-labelledby="request-items">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="request-items">
            {t('archive.request.review', { count: r.items.length })}
          </Title>
          {prepare && (
            <ButtonLink
              to="/bibliotek/$libraryId/arkiv"
              params={{ libraryId }}
              search={{ begaran: r.id }}
              variant="default"
            >
              {t('archive.request.find')}
            </ButtonLink>
          )}
        </Group>
        {r.items.length === 0 ? (
          <Text>{t('archive.request.empty')}</Text>
        ) : (
          <Review request={r} libraryId={libraryId} timeZone={tz} editable={prepare} />
        )}
      </section>
      {release && r.state !== 'closed' && r.state !== 'refused' && (
        <ReleaseSection libraryId={libraryId} request={r} />
      )}
      <ReleaseLog request={r} timeZone={tz} />
      {release && r.state !== 'closed' && r.state !== 'refused' && (
        <DecisionForm libraryId={libraryId} request={r} />
      )}
    </Stack>
  )
}

function Review({
  request,
  libraryId,
  timeZone,
  editable,
}: {
  request: ArchiveRequest
  libraryId: string
  timeZone: string
  editable: boolean
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const message = useErrorMessage()
  const [ground, setGround] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState('')
  const masks = request.items.flatMap((i) => i.masks)
  const people = new Map(request.items.map((i) => [i.entry.id, i.entry.person?.remoteId]))
  const key = archiveRequestQuery(libraryId, request.id).queryKey

  const change = async (work: () => Promise<ArchiveRequest>, done: string) => {
    setError(null)
    try {
      queryClient.setQueryData(key, await work())
      void queryClient.invalidateQueries({ queryKey: archiveRequestsQuery(libraryId).queryKey })
      setStatus(done)
      return true
    } catch (e) {
      setError(e)
      setStatus(message(e))
      return false
    }
  }
  return (
    <Stack gap="md">
      <ErrorAlert error={error} />
      <Text role="status" className="visually-hidden">
        {status}
      </Text>
      <Stack component="ol" gap="md" className="plain-list">
        {request.items.map(({ entry }) => {
          const applied = effectiveMasks(entry, masks, (id) => people.get(id))
          return (
            <Paper component="li" key={entry.id} withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={3} size="h5">
                  {t('archive.request.item', {
                    seq: entry.seq,
                    kind: t(`archive.kind.${entry.kind}`),
                  })}
                </Title>
                <EntryFacts entry={entry} libraryId={libraryId} timeZone={timeZone} />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <Original entry={entry} />
                  <Released entry={entry} masks={applied} locale={request.releaseLocale} />
                </SimpleGrid>
                {applied.length > 0 && (
                  <MaskList
                    masks={applied}
                    editable={editable}
                    onRemove={(m) =>
                      void change(
                        () => removeMask(libraryId, request.id, m.id),
                        t('archive.mask.removed'),
                      )
                    }
                  />
                )}
                {editable && (
                  <Group align="flex-end" justify="space-between" wrap="wrap">
                    <MaskForm
                      entry={entry}
                      originalId={`original-${entry.id}`}
                      ground={ground}
                      onGround={setGround}
                      onMask={(mask: CreateMask) =>
                        change(() => addMask(libraryId, request.id, mask), t('archive.mask.added'))
                      }
                    />
                    <Button
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        void change(
                          () => removeRequestItem(libraryId, request.id, entry.id),
                          t('archive.request.removed'),
                        )
                      }
                    >
                      {t('archive.request.remove', { seq: entry.seq })}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
          )
        })}
      </Stack>
    </Stack>
  )
}

function Original({ entry }: { entry: ArchiveEntry }) {
  const { t } = useTranslation()
  return (
    <Paper p="sm" radius="sm" withBorder bg="var(--mantine-color-gray-0)">
      <Text size="sm" fw={700}>
        {t('archive.request.original')}
      </Text>
      {entry.person && <Text size="sm">{`${entry.person.name} (@${entry.person.handle})`}</Text>}
      <Text id={`original-${entry.id}`} style={{ whiteSpace: 'pre-wrap' }}>
        {entryText(entry)}
      </Text>
    </Paper>
  )
}

function Released({
  entry,
  masks,
  locale,
}: {
  entry: ArchiveEntry
  masks: ArchiveMask[]
  locale: 'sv' | 'en'
}) {
  const { t } = useTranslation()
  const shown = applyMasks(entry, masks, locale)
  const text = entryText({ ...entry, content: shown.content })
  return (
    <Paper p="sm" radius="sm" withBorder>
      <Text size="sm" fw={700}>
        {t('archive.request.released')}
      </Text>
      {shown.person && (
        <Text size="sm">{withMarks(`${shown.person.name} (@${shown.person.handle})`)}</Text>
      )}
      <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="released-text">
        {withMarks(text)}
      </Text>
    </Paper>
  )
}

/** Mask notes stand out from the text around them, to the eye and as marked text. */
function withMarks(text: string) {
  return text.split(MARKER).map((part, i) =>
    i % 2 === 1 ? (
      <mark key={i} className="mask-mark">
        {part}
      </mark>
    ) : (
      part
    ),
  )
}

function MaskList({
  masks,
  editable,
  onRemove,
}: {
  masks: ArchiveMask[]
  editable: boolean
  onRemove: (mask: ArchiveMask) => void
}) {
  const { t } = useTranslation()
  return (
    <Stack component="ul" gap={4} className="plain-list" aria-label={t('archive.mask.list')}>
      {masks.map((m) => (
        <Group component="li" key={m.id} gap="sm">
          <Text size="sm">
            {t(`archive.mask.field.${m.field}`)} – {m.ground} – {m.by.name}
          </Text>
          {editable && (
            <Button size="compact-sm" variant="subtle" onClick={() => onRemove(m)}>
              {t('archive.mask.remove')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  )
}

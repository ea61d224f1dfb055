import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { addRequestItems, archiveEntryQuery, archiveRequestQuery } from '../../api/archive.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'
import { EntryContent, EntryFacts, amendmentsBySubject } from './entry-view.js'

/** One archived entry as it stood, what befell it, and its whole conversation as archived. */
export function ArchiveEntryPage() {
  const { t } = useTranslation()
  const { libraryId, entryId } = useParams({
    from: '/signed-in/bibliotek/$libraryId/arkiv/post/$entryId',
  })
  const { begaran } = useSearch({ from: '/signed-in/bibliotek/$libraryId/arkiv/post/$entryId' })
  const membership = useMembership(libraryId)
  const detail = useQuery({
    ...archiveEntryQuery(libraryId, entryId),
    enabled: can(membership.role, 'archive.read'),
  })
  if (!can(membership.role, 'archive.read')) return <NotAllowed />
  if (detail.isPending) return <Loading />
  if (detail.isError) return <ErrorAlert error={detail.error} />
  const { entry, subject, conversation } = detail.data
  const amendments = subject.filter((e) => e.id !== entry.id)
  const tz = membership.timeZone
  const marks = amendmentsBySubject(subject)
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('archive.entry.title', { seq: entry.seq })}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
      </Stack>
      {begaran && (
        <AddToRequest
          libraryId={libraryId}
          requestId={begaran}
          entryIds={conversation.map((e) => e.id)}
        />
      )}
      <section aria-labelledby="entry-as-stood">
        <Title order={2} id="entry-as-stood" size="h3" mb="sm">
          {t('archive.entry.asStood')}
        </Title>
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <EntryFacts
              entry={entry}
              libraryId={libraryId}
              timeZone={tz}
              amendments={marks.get(entry.subject)}
            />
            <EntryContent entry={entry} />
          </Stack>
        </Paper>
      </section>
      <section aria-labelledby="entry-amendments">
        <Title order={2} id="entry-amendments" size="h3" mb="sm">
          {t('archive.entry.amendments')}
        </Title>
        {amendments.length === 0 ? (
          <Text>{t('archive.entry.noAmendments')}</Text>
        ) : (
          <Stack component="ol" gap="sm" className="plain-list">
            {amendments.map((a) => (
              <Paper component="li" key={a.id} withBorder p="sm" radius="md">
                <Stack gap={4}>
                  <EntryFacts entry={a} libraryId={libraryId} timeZone={tz} />
                  <EntryContent entry={a} />
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </section>
      <section aria-labelledby="entry-conversation">
        <Title order={2} id="entry-conversation" size="h3" mb="sm">
          {t('archive.entry.conversation', { count: conversation.length })}
        </Title>
        <Stack component="ol" gap="sm" className="plain-list">
          {conversation.map((e) => (
            <Paper
              component="li"
              key={e.id}
              withBorder
              p="sm"
              radius="md"
              bg={e.id === entry.id ? 'var(--mantine-color-blue-0)' : undefined}
              aria-current={e.id === entry.id ? 'true' : undefined}
            >
              <Stack gap={4}>
                <EntryFacts entry={e} libraryId={libraryId} timeZone={tz} />
                <EntryContent entry={e} />
                {e.id !== entry.id && (
                  <AnchorLink
                    to="/bibliotek/$libraryId/arkiv/post/$entryId"
                    params={{ libraryId, entryId: e.id }}
                    search={begaran ? { begaran } : {}}
                    size="sm"
                  >
                    {t('archive.results.open', { seq: e.seq })}
                  </AnchorLink>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </section>
    </Stack>
  )
}

function AddToRequest({
  libraryId,
  requestId,
  entryIds,
}: {
  libraryId: string
  requestId: string
  entryIds: string[]
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const request = useQuery(archiveRequestQuery(libraryId, requestId))
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState('')
  if (!request.data) return null
  const add = async () => {
    setError(null)
    try {
      const next = await addRequestItems(libraryId, requestId, entryIds)
      queryClient.setQueryData(archiveRequestQuery(libraryId, requestId).queryKey, next)
      setDone(t('archive.collect.added', { count: entryIds.length, total: next.items.length }))
    } catch (e) {
      setError(e)
    }
  }
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button onClick={() => void add()}>
          {t('archive.collect.conversation', {
            count: entryIds.length,
            diarienummer: request.data.diarienummer,
          })}
        </Button>
        <AnchorLink
          to="/bibliotek/$libraryId/arkiv/utlamnanden/$requestId"
          params={{ libraryId, requestId }}
        >
          {t('archive.collecting.back', { diarienummer: request.data.diarienummer })}
        </AnchorLink>
      </Group>
      <ErrorAlert error={error} />
      <Text role="status">{done}</Text>
    </Stack>
  )
}

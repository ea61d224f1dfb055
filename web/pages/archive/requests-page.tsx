import { Button, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { utcToZoned, zonedToUtc } from '../../../core/time/zoned.js'
import { archiveRequestsQuery, createArchiveRequest } from '../../api/archive.js'
import { useMembership } from '../../api/use-session.js'
import { DateInput, TimeInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FormCard } from '../../components/form-card.js'
import { useAction } from '../../components/use-action.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'
import { ScrollTable } from '../../components/scroll-table.js'

/** Utlämnanden: requests for public records, and a form to register a new one. */
export function ArchiveRequestsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const allowed = can(membership.role, 'archive.read')
  const requests = useQuery({ ...archiveRequestsQuery(libraryId), enabled: allowed })
  if (!allowed) return <NotAllowed />
  const tz = membership.timeZone
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('archive.requests.title')}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
        <Text className="prose">{t('archive.requests.intro')}</Text>
      </Stack>
      {can(membership.role, 'archive.prepare') && (
        <NewRequestForm libraryId={libraryId} timeZone={tz} />
      )}
      <section aria-labelledby="requests-list">
        <Title order={2} size="h3" id="requests-list" mb="sm">
          {t('archive.requests.list')}
        </Title>
        {requests.isPending && <Loading />}
        {requests.isError && <ErrorAlert error={requests.error} />}
        {requests.data?.length === 0 && <Text>{t('archive.requests.none')}</Text>}
        {requests.data && requests.data.length > 0 && (
          <ScrollTable minWidth={640} labelledBy="requests-list">
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('archive.request.diarienummer')}</Table.Th>
                  <Table.Th scope="col">{t('archive.request.receivedAt')}</Table.Th>
                  <Table.Th scope="col">{t('archive.request.state')}</Table.Th>
                  <Table.Th scope="col">{t('archive.request.items')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.data.map((r) => {
                  const local = utcToZoned(r.receivedAt, tz)
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <AnchorLink
                          to="/bibliotek/$libraryId/arkiv/utlamnanden/$requestId"
                          params={{ libraryId, requestId: r.id }}
                        >
                          {r.diarienummer}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{`${local.date} ${local.time}`}</Table.Td>
                      <Table.Td>{t(`archive.state.${r.state}`)}</Table.Td>
                      <Table.Td>{r.itemCount}</Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </section>
    </Stack>
  )
}

function NewRequestForm({ libraryId, timeZone }: { libraryId: string; timeZone: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const now = utcToZoned(new Date().toISOString(), timeZone)
  const [diarienummer, setDiarienummer] = useState('')
  const [requester, setRequester] = useState('')
  const [date, setDate] = useState(now.date)
  const [time, setTime] = useState(now.time)
  const [description, setDescription] = useState('')
  const [missing, setMissing] = useState(false)
  const { busy, error, problems, run } = useAction()

  const submit = () => {
    if (!diarienummer.trim()) {
      setMissing(true)
      document.getElementById('request-diarienummer')?.focus()
      return
    }
    void run(async () => {
      const created = await createArchiveRequest(libraryId, {
        diarienummer: diarienummer.trim(),
        ...(requester.trim() && { requester: requester.trim() }),
        receivedAt: zonedToUtc(date, time, timeZone).toISOString(),
        ...(description.trim() && { description: description.trim() }),
      })
      await queryClient.invalidateQueries({ queryKey: archiveRequestsQuery(libraryId).queryKey })
      await navigate({
        to: '/bibliotek/$libraryId/arkiv/utlamnanden/$requestId',
        params: { libraryId, requestId: created.id },
      })
    })
  }

  return (
    <FormCard labelId="new-request" title={t('archive.requests.new')} onSubmit={submit}>
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput
          id="request-diarienummer"
          label={t('archive.request.diarienummer')}
          description={t('archive.requests.diarienummerHint')}
          required
          value={diarienummer}
          onChange={(e) => {
            setDiarienummer(e.currentTarget.value)
            setMissing(false)
          }}
          error={missing ? t('archive.requests.diarienummerMissing') : problems.diarienummer}
          maxLength={100}
          w={240}
          maw="100%"
        />
        <TextInput
          id="request-requester"
          label={t('archive.request.requester')}
          description={t('archive.requests.requesterHint')}
          value={requester}
          onChange={(e) => setRequester(e.currentTarget.value)}
          maxLength={300}
          w={320}
          maw="100%"
        />
      </Group>
      <Group align="flex-start" gap="md" wrap="wrap">
        <DateInput
          id="request-date"
          label={t('archive.requests.receivedDate')}
          value={date}
          onChange={setDate}
          required
        />
        <TimeInput
          id="request-time"
          label={t('archive.requests.receivedTime')}
          value={time}
          onChange={setTime}
          required
        />
      </Group>
      <Textarea
        id="request-description"
        label={t('archive.request.description')}
        description={t('archive.requests.descriptionHint')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={2000}
        autosize
        minRows={2}
      />
      <ErrorAlert error={error} />
      <Group>
        <Button type="submit" loading={busy}>
          {t('archive.requests.create')}
        </Button>
      </Group>
    </FormCard>
  )
}

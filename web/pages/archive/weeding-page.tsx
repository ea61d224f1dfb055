import { Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { retentionRulesQuery, weedingDecisionsQuery } from '../../api/archive-admin.js'
import { channelsQuery } from '../../api/channels.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'
import { HoldsSection } from './holds-section.js'
import { RetentionRulesSection } from './retention-rules-section.js'
import { WeedingDecisionForm } from './weeding-decision-form.js'
import { ScrollTable } from '../../components/scroll-table.js'

/** Gallring: retention rules, legal holds and weeding decisions. The Ansvarig decides; Redaktörer follow. */
export function ArchiveWeedingPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const allowed = can(membership.role, 'archive.read')
  const canManage = can(membership.role, 'archive.manage')
  const channels = useQuery({ ...channelsQuery(libraryId), enabled: allowed })
  const rules = useQuery({ ...retentionRulesQuery(libraryId), enabled: allowed })
  if (!allowed) return <NotAllowed />
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('archive.weeding.title')}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
        <Text className="prose">{t('archive.weeding.intro')}</Text>
      </Stack>
      {canManage && rules.data && <WeedingDecisionForm libraryId={libraryId} rules={rules.data} />}
      <RetentionRulesSection
        libraryId={libraryId}
        channels={channels.data ?? []}
        canManage={canManage}
      />
      <HoldsSection
        libraryId={libraryId}
        channels={channels.data ?? []}
        timeZone={membership.timeZone}
        canManage={canManage}
      />
      <DecisionsSection libraryId={libraryId} timeZone={membership.timeZone} />
    </Stack>
  )
}

function DecisionsSection({ libraryId, timeZone }: { libraryId: string; timeZone: string }) {
  const { t } = useTranslation()
  const decisions = useQuery(weedingDecisionsQuery(libraryId))
  const day = (iso: string) => utcToZoned(iso, timeZone).date
  // A period runs to the first instant after its last day.
  const lastDay = (iso: string) => day(new Date(Date.parse(iso) - 1).toISOString())
  return (
    <section aria-labelledby="decisions">
      <Stack gap="sm">
        <Title order={2} size="h3" id="decisions">
          {t('archive.weedingDecision.listTitle')}
        </Title>
        {decisions.isPending && <Loading />}
        {decisions.isError && <ErrorAlert error={decisions.error} />}
        {decisions.data?.length === 0 && <Text>{t('archive.weedingDecision.none')}</Text>}
        {decisions.data && decisions.data.length > 0 && (
          <ScrollTable minWidth={640} labelledBy="decisions">
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('archive.weedingDecision.reference')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weedingDecision.period')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weedingDecision.entries')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weedingDecision.decidedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {decisions.data.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Th scope="row" fw={500}>
                      {d.reference}
                    </Table.Th>
                    <Table.Td>{`${day(d.from)} – ${lastDay(d.to)}`}</Table.Td>
                    <Table.Td>{d.entryCount}</Table.Td>
                    <Table.Td>{`${d.decidedBy.name}, ${day(d.decidedAt)}`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </section>
  )
}

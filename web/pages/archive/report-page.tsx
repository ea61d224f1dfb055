import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import {
  archiveAdminKey,
  archiveReportQuery,
  archiveSettingsQuery,
  saveArchiveSettings,
} from '../../api/archive-admin.js'
import { channelsQuery } from '../../api/channels.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FormCard } from '../../components/form-card.js'
import { useAction } from '../../components/use-action.js'
import { channelName } from '../../components/network.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'

/** The last two years' months, newest first, in the library's time zone. */
function recentMonths(timeZone: string): string[] {
  const [year, month] = utcToZoned(new Date().toISOString(), timeZone).date.split('-').map(Number)
  return Array.from({ length: 24 }, (_, i) => {
    const d = new Date(Date.UTC(year!, month! - 1 - i, 1))
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  })
}

/** Arkivrapport: what the archive took in, saw removed, released and weeded in a month. */
export function ArchiveReportPage() {
  const { t, i18n } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const allowed = can(membership.role, 'archive.read')
  const months = recentMonths(membership.timeZone)
  const [month, setMonth] = useState(months[0]!)
  const report = useQuery({ ...archiveReportQuery(libraryId, month), enabled: allowed })
  const channels = useQuery({ ...channelsQuery(libraryId), enabled: allowed })
  if (!allowed) return <NotAllowed />
  const monthName = (m: string) =>
    new Date(`${m}-15T12:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
  const channelOf = (id: string | null) => {
    const channel = channels.data?.find((c) => c.id === id)
    return channel ? channelName(channel) : t('archive.report.noChannel')
  }
  const r = report.data
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('archive.report.title')}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
        <Text className="prose">{t('archive.report.intro')}</Text>
      </Stack>
      <NativeSelect
        id="report-month"
        label={t('archive.report.month')}
        value={month}
        onChange={(e) => setMonth(e.currentTarget.value)}
        data={months.map((m) => ({ value: m, label: monthName(m) }))}
        w={240}
        maw="100%"
      />
      <section aria-labelledby="report-figures" aria-busy={report.isFetching}>
        <Title order={2} size="h3" id="report-figures" mb="sm">
          {t('archive.report.figures', { month: monthName(month) })}
        </Title>
        {report.isPending && <Loading />}
        {report.isError && <ErrorAlert error={report.error} />}
        {r && (
          <Stack gap="md">
            <Table verticalSpacing="xs" maw={560}>
              <Table.Tbody>
                {(
                  [
                    ['captured', r.captured.total],
                    ['upprattad', r.captured.byClass.upprattad],
                    ['inkommen', r.captured.byClass.inkommen],
                    ['deleted', r.deletedOnNetwork],
                    ['moderated', r.moderated],
                    ['released', r.released],
                    ['weeded', r.weeded],
                  ] as const
                ).map(([key, value]) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row" fw={500}>
                      {t(`archive.report.row.${key}`)}
                    </Table.Th>
                    <Table.Td ta="right">{value.toLocaleString(i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {r.captured.byChannel.length > 0 && (
              <Table verticalSpacing="xs" maw={560}>
                <caption className="visually-hidden">{t('archive.report.byChannel')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('archive.weeding.channel')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('archive.report.row.captured')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.captured.byChannel.map((row) => (
                    <Table.Tr key={row.channelId ?? 'none'}>
                      <Table.Th scope="row" fw={500}>
                        {channelOf(row.channelId)}
                      </Table.Th>
                      <Table.Td ta="right">{row.count.toLocaleString(i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {r.decisions.length > 0 && (
              <Text>
                {t('archive.report.decisions', {
                  list: r.decisions.map((d) => `${d.reference} (${d.entries})`).join(', '),
                })}
              </Text>
            )}
          </Stack>
        )}
      </section>
      <InteractionRetention
        libraryId={libraryId}
        canManage={can(membership.role, 'archive.manage')}
      />
    </Stack>
  )
}

/** How long likes, reposts and follows are kept one by one before only their daily counts remain. */
function InteractionRetention({ libraryId, canManage }: { libraryId: string; canManage: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const settings = useQuery(archiveSettingsQuery(libraryId))
  const [mode, setMode] = useState<'keep' | 'days'>('keep')
  const [days, setDays] = useState<number | string>(365)
  const { busy, error, problems, run } = useAction()
  const [done, setDone] = useState(false)
  const saved = settings.data?.interactionRetentionDays
  useEffect(() => {
    if (saved === undefined) return
    setMode(saved === null ? 'keep' : 'days')
    if (saved !== null) setDays(saved)
  }, [saved])

  const submit = () => {
    setDone(false)
    void run(async () => {
      await saveArchiveSettings(libraryId, {
        interactionRetentionDays: mode === 'keep' ? null : Number(days),
      })
      await queryClient.invalidateQueries({ queryKey: archiveAdminKey(libraryId) })
      setDone(true)
    })
  }

  return (
    <FormCard
      labelId="interaction-retention"
      title={t('archive.retention.title')}
      onSubmit={submit}
    >
      <Text className="prose">{t('archive.retention.intro')}</Text>
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorAlert error={settings.error} />}
      {settings.data && (
        <>
          <Radio.Group
            value={mode}
            onChange={(v) => setMode(v as 'keep' | 'days')}
            label={t('archive.retention.label')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="keep" label={t('archive.retention.keep')} disabled={!canManage} />
              <Radio value="days" label={t('archive.retention.days')} disabled={!canManage} />
            </Stack>
          </Radio.Group>
          {mode === 'days' && (
            <NumberInput
              id="retention-days"
              label={t('archive.retention.daysLabel')}
              value={days}
              onChange={setDays}
              min={1}
              max={3650}
              allowDecimal={false}
              disabled={!canManage}
              w={180}
              error={problems.interactionRetentionDays}
            />
          )}
          <ErrorAlert error={error} />
          {canManage && (
            <Group>
              <Button type="submit" loading={busy}>
                {t('archive.retention.save')}
              </Button>
              <Text component="span" size="sm" role="status" c="teal.8">
                {done ? t('archive.retention.saved') : ''}
              </Text>
            </Group>
          )}
        </>
      )}
    </FormCard>
  )
}

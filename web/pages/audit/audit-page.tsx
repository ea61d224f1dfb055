import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLE_LABELS, type Role, can, roleSchema } from '../../../core/roles.js'
import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_LABELS,
  type AuditAction,
  type AuditEntry,
} from '../../../core/schemas/audit.js'
import { isLocalDate, utcToZoned } from '../../../core/time/zoned.js'
import { type AuditFilters, auditExportUrl, auditQuery } from '../../api/audit.js'
import { useMembership } from '../../api/use-session.js'
import { DateInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ScrollTable } from '../../components/scroll-table.js'

/** Granskningslogg: who changed roles, channels, settings and the policy, and what was exported. */
export function AuditPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const [filters, setFilters] = useState<AuditFilters>({})

  if (!can(membership.role, 'audit.read')) {
    return (
      <Stack gap="lg">
        <PageHeading>{t('audit.title')}</PageHeading>
        <Alert role="note" variant="light" color="gray">
          {t('audit.onlyAdmin')}
        </Alert>
      </Stack>
    )
  }
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('audit.title')}</PageHeading>
        <Text className="prose">{t('audit.intro')}</Text>
      </Stack>
      <FilterForm filters={filters} onApply={setFilters} libraryId={libraryId} />
      <AuditTable libraryId={libraryId} filters={filters} timeZone={membership.timeZone} />
    </Stack>
  )
}

function FilterForm({
  filters,
  onApply,
  libraryId,
}: {
  filters: AuditFilters
  onApply: (filters: AuditFilters) => void
  libraryId: string
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'sv'
  const [from, setFrom] = useState(filters.from ?? '')
  const [to, setTo] = useState(filters.to ?? '')
  const [action, setAction] = useState<string>(filters.action ?? '')
  const wrong = (value: string) => (value && !isLocalDate(value) ? t('dateTime.dateInvalid') : null)
  const backwards = from && to && isLocalDate(from) && isLocalDate(to) && to < from

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (wrong(from) || wrong(to) || backwards) return
    onApply({
      from: from || undefined,
      to: to || undefined,
      action: (action || undefined) as AuditAction | undefined,
    })
  }

  return (
    <Paper
      withBorder
      p="md"
      radius="lg"
      component="form"
      onSubmit={submit}
      aria-label={t('audit.filters')}
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <DateInput
          id="audit-from"
          label={t('audit.from')}
          value={from}
          onChange={(value) => setFrom(value.trim())}
          error={wrong(from)}
        />
        <DateInput
          id="audit-to"
          label={t('audit.to')}
          value={to}
          onChange={(value) => setTo(value.trim())}
          error={wrong(to) ?? (backwards ? t('audit.backwards') : null)}
        />
        <NativeSelect
          id="audit-action"
          label={t('audit.action')}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          data={[
            { value: '', label: t('audit.allActions') },
            ...AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a][lang] })),
          ]}
          w={260}
          maw="100%"
        />
        <Button type="submit">{t('audit.apply')}</Button>
        <Button component="a" variant="default" href={auditExportUrl(libraryId, filters)} download>
          {t('audit.export')}
        </Button>
      </Group>
    </Paper>
  )
}

function AuditTable({
  libraryId,
  filters,
  timeZone,
}: {
  libraryId: string
  filters: AuditFilters
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'sv'
  const log = useInfiniteQuery(auditQuery(libraryId, filters))
  if (log.isPending) return <Loading />
  if (log.isError) return <ErrorAlert error={log.error} />
  const entries = log.data.pages.flatMap((page) => page.items)
  if (entries.length === 0) return <Text role="status">{t('audit.empty')}</Text>

  return (
    <Stack gap="md">
      <ScrollTable minWidth={720} label={t('audit.caption', { count: entries.length })}>
        <Table verticalSpacing="sm" striped>
          <Table.Caption>{t('audit.caption', { count: entries.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.when')}</Table.Th>
              <Table.Th scope="col">{t('audit.who')}</Table.Th>
              <Table.Th scope="col">{t('audit.event')}</Table.Th>
              <Table.Th scope="col">{t('audit.concerns')}</Table.Th>
              <Table.Th scope="col">{t('audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Row key={entry.id} entry={entry} timeZone={timeZone} lang={lang} />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {log.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void log.fetchNextPage()}
            loading={log.isFetchingNextPage}
          >
            {t('audit.older')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

function Row({
  entry,
  timeZone,
  lang,
}: {
  entry: AuditEntry
  timeZone: string
  lang: 'sv' | 'en'
}) {
  const { t } = useTranslation()
  const local = utcToZoned(entry.at, timeZone)
  const details = Object.entries(entry.details).filter(([, value]) => value !== null)
  const shown = (value: string | number | boolean | null) =>
    typeof value === 'boolean'
      ? t(value ? 'audit.yes' : 'audit.no')
      : roleSchema.safeParse(value).success
        ? ROLE_LABELS[value as Role][lang]
        : String(value)
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={entry.at} style={{ whiteSpace: 'nowrap' }}>
          {local.date} {local.time}
        </time>
      </Table.Td>
      <Table.Td>{entry.actor.name ?? (entry.actor.id ? '' : t('audit.commandLine'))}</Table.Td>
      <Table.Td>{AUDIT_ACTION_LABELS[entry.action][lang]}</Table.Td>
      <Table.Td>{entry.target ? (entry.target.label ?? '') : ''}</Table.Td>
      <Table.Td>
        {details
          .map(
            ([key, value]) => `${t(`audit.detail.${key}`, { defaultValue: key })}: ${shown(value)}`,
          )
          .join('; ')}
      </Table.Td>
    </Table.Tr>
  )
}

import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { diffLines } from 'diff'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import type { StrategyDocument, StrategyVersionSummary } from '../../../core/schemas/strategy.js'
import { strategyMarkdown } from '../../../core/strategy/policy-outline.js'
import { approveVersion, strategyQuery, versionQuery, versionsQuery } from '../../api/strategy.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { StrategyNav } from './strategy-nav.js'
import { ScrollTable } from '../../components/scroll-table.js'

const DRAFT = 'utkast'

export function VersionsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const versions = useQuery(versionsQuery(libraryId))

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('strategy.versions.title')}</PageHeading>
        <Text className="prose">{t('strategy.versions.intro')}</Text>
      </Stack>
      <StrategyNav libraryId={libraryId} current="versions" />
      {versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <ErrorAlert error={versions.error} />
      ) : versions.data.length === 0 ? (
        <Text className="prose">{t('strategy.versions.none')}</Text>
      ) : (
        <>
          <VersionTable libraryId={libraryId} versions={versions.data} />
          <Compare libraryId={libraryId} versions={versions.data} />
        </>
      )}
    </Stack>
  )
}

function VersionTable({
  libraryId,
  versions,
}: {
  libraryId: string
  versions: StrategyVersionSummary[]
}) {
  const { t } = useTranslation()
  const membership = useMembership(libraryId)
  const format = useFormat(membership.timeZone)
  const queryClient = useQueryClient()
  const approve = useMutation({
    mutationFn: (versionId: string) => approveVersion(libraryId, versionId),
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(t('strategy.builder.approved', { n: version.number }))
    },
  })
  const canApprove = can(membership.role, 'strategy.approve')
  return (
    <Stack gap="sm">
      <ErrorAlert error={approve.error} />
      <ScrollTable minWidth={640} label={t('strategy.versions.caption')}>
        <Table>
          <Table.Caption>{t('strategy.versions.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('strategy.versions.version')}</Table.Th>
              <Table.Th scope="col">{t('strategy.versions.made')}</Table.Th>
              <Table.Th scope="col">{t('strategy.versions.approval')}</Table.Th>
              {canApprove && <Table.Th scope="col">{t('strategy.versions.action')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={600}>{t('strategy.policy.version', { n: v.number })}</Text>
                    {v.current && (
                      <Badge variant="light" color="teal" tt="none">
                        {t('strategy.versions.current')}
                      </Badge>
                    )}
                  </Group>
                  {v.note && <Text size="sm">{v.note}</Text>}
                </Table.Td>
                <Table.Td>
                  {t('strategy.versions.byAt', {
                    by: v.createdBy.name,
                    at: format.shortDateTime(v.createdAt),
                  })}
                </Table.Td>
                <Table.Td>
                  {v.approvedAt
                    ? t('strategy.versions.approvedByAt', {
                        by: v.approvedBy?.name ?? '',
                        at: format.shortDateTime(v.approvedAt),
                      })
                    : t('strategy.versions.notApproved')}
                </Table.Td>
                {canApprove && (
                  <Table.Td>
                    {!v.current && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={approve.isPending && approve.variables === v.id}
                        onClick={() => approve.mutate(v.id)}
                        aria-label={t('strategy.versions.approveN', { n: v.number })}
                      >
                        {v.approvedAt
                          ? t('strategy.versions.reapprove')
                          : t('strategy.versions.approve')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  )
}

function useDocument(libraryId: string, id: string): StrategyDocument | undefined {
  const draft = useQuery({ ...strategyQuery(libraryId), enabled: id === DRAFT })
  const version = useQuery({ ...versionQuery(libraryId, id), enabled: id !== DRAFT })
  return id === DRAFT ? draft.data?.draft.document : version.data?.document
}

/** Unchanged runs longer than this are folded to their first and last lines. */
const CONTEXT = 2

// Dark text on light tints (over 7:1); the +/− sign and the hidden words say the same without colour.
const LINE = { display: 'block', whiteSpace: 'pre-wrap', padding: '1px 8px' } as const
const STYLE = {
  added: { ...LINE, background: '#e3f4e8', color: '#0b3d1a', textDecoration: 'none' },
  removed: { ...LINE, background: '#fbe9e9', color: '#5c0b0b' },
  same: LINE,
  folded: { ...LINE, fontStyle: 'italic', color: '#495057' },
} as const

function Compare({
  libraryId,
  versions,
}: {
  libraryId: string
  versions: StrategyVersionSummary[]
}) {
  const { t, i18n } = useTranslation()
  const [from, setFrom] = useState(versions[1]?.id ?? versions[0]!.id)
  const [to, setTo] = useState(versions[1] ? versions[0]!.id : DRAFT)
  const a = useDocument(libraryId, from)
  const b = useDocument(libraryId, to)
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const options = [
    { value: DRAFT, label: t('strategy.versions.draft') },
    ...versions.map((v) => ({ value: v.id, label: t('strategy.policy.version', { n: v.number }) })),
  ]
  const parts = a && b ? diffLines(strategyMarkdown(a, locale), strategyMarkdown(b, locale)) : []
  const changed = parts.some((p) => p.added || p.removed)

  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="compare-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="compare-heading">
          {t('strategy.versions.compare')}
        </Title>
        <Group gap="md" align="flex-end">
          <NativeSelect
            label={t('strategy.versions.from')}
            data={options}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('strategy.versions.to')}
            data={options}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </Group>
        {!a || !b ? (
          <Loading />
        ) : !changed ? (
          <Text role="status">{t('strategy.versions.same')}</Text>
        ) : (
          <div
            aria-label={t('strategy.versions.changes')}
            role="region"
            style={{ borderRadius: 8, border: '1px solid #ced4da', padding: '8px 0' }}
          >
            {parts.map((part, i) => {
              const lines = part.value.replace(/\n$/, '').split('\n')
              if (part.added || part.removed) {
                const Tag = part.added ? 'ins' : 'del'
                return lines.map((line, j) => (
                  <Tag key={`${i}-${j}`} style={part.added ? STYLE.added : STYLE.removed}>
                    <span aria-hidden="true">{part.added ? '+ ' : '− '}</span>
                    <span className="visually-hidden">
                      {part.added ? t('strategy.versions.added') : t('strategy.versions.removed')}
                    </span>
                    {line || ' '}
                  </Tag>
                ))
              }
              const shown =
                lines.length > CONTEXT * 2 + 1
                  ? [...lines.slice(0, CONTEXT), null, ...lines.slice(-CONTEXT)]
                  : lines
              return shown.map((line, j) =>
                line === null ? (
                  <div key={`${i}-${j}`} style={STYLE.folded}>
                    {t('strategy.versions.folded', { n: lines.length - CONTEXT * 2 })}
                  </div>
                ) : (
                  <div key={`${i}-${j}`} style={STYLE.same}>
                    {line || ' '}
                  </div>
                ),
              )
            })}
          </div>
        )}
      </Stack>
    </Paper>
  )
}

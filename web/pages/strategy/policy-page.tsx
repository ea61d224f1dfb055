import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, roleSchema } from '../../../core/roles.js'
import type { PolicyView } from '../../../core/schemas/strategy.js'
import {
  confirmPolicyRead,
  policyDownloadUrl,
  policyQuery,
  policyReadersQuery,
  setPublicLink,
  strategyQuery,
} from '../../api/strategy.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { GoalProgressList } from './goal-progress.js'
import { PolicyDocument } from './policy-document.js'
import { StrategyNav } from './strategy-nav.js'
import { ScrollTable } from '../../components/scroll-table.js'

/** Strategi och policy: the policy in force, for every member to read and confirm. */
export function PolicyPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const policy = useQuery(policyQuery(libraryId))
  const approve = can(membership.role, 'strategy.approve')

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('sections.strategy.title')}</PageHeading>
        <Text className="prose">{t('strategy.policy.intro')}</Text>
      </Stack>
      <StrategyNav libraryId={libraryId} current="policy" />
      {policy.isPending ? (
        <Loading />
      ) : policy.isError ? (
        <ErrorAlert error={policy.error} />
      ) : policy.data.policy === null ? (
        <Paper withBorder p="lg" radius="lg">
          <Stack gap="sm" className="prose">
            <Title order={2} size="h3">
              {t('strategy.policy.noneTitle')}
            </Title>
            <Text>{t('strategy.policy.noneBody')}</Text>
            {can(membership.role, 'strategy.write') && (
              <Text>
                <AnchorLink to="/bibliotek/$libraryId/strategi/utkast" params={{ libraryId }}>
                  {t('strategy.policy.startWriting')}
                </AnchorLink>
              </Text>
            )}
          </Stack>
        </Paper>
      ) : (
        <>
          <PolicyActions libraryId={libraryId} policy={policy.data.policy} />
          <Paper withBorder p="lg" radius="lg">
            <GoalProgressList libraryId={libraryId} />
          </Paper>
          {approve && <PublicLinkPanel libraryId={libraryId} />}
          {approve && <ReadersPanel libraryId={libraryId} />}
          <Paper
            withBorder
            p={{ base: 'md', sm: 'xl' }}
            radius="lg"
            component="article"
            aria-labelledby="policy-title"
          >
            <Stack gap="lg">
              <Title order={2} id="policy-title">
                {t('strategy.policy.documentTitle', { name: policy.data.policy.libraryName })}
              </Title>
              <PolicyDocument
                document={policy.data.policy.document}
                locale={policy.data.policy.locale}
                topLevel={3}
              />
            </Stack>
          </Paper>
        </>
      )}
    </Stack>
  )
}

function PolicyActions({ libraryId, policy }: { libraryId: string; policy: PolicyView }) {
  const { t } = useTranslation()
  const format = useFormat(useMembership(libraryId).timeZone)
  const queryClient = useQueryClient()
  const confirm = useMutation({
    mutationFn: () => confirmPolicyRead(libraryId, policy.version.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'policy'] })
      notify(t('strategy.policy.confirmed'))
    },
  })
  const version = policy.version
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="policy-version">
      <Stack gap="sm">
        <Title order={2} size="h3" id="policy-version">
          {t('strategy.policy.version', { n: version.number })}
        </Title>
        <Text>
          {t('strategy.policy.approvedBy', {
            at: format.date(version.approvedAt!),
            by: version.approvedBy?.name ?? '',
          })}
        </Text>
        {policy.readAt ? (
          <Text fw={600} role="status">
            {t('strategy.policy.youConfirmed', { at: format.date(policy.readAt) })}
          </Text>
        ) : (
          <Stack gap="xs" align="flex-start">
            <Text>{t('strategy.policy.pleaseConfirm')}</Text>
            <Button onClick={() => confirm.mutate()} loading={confirm.isPending}>
              {t('strategy.policy.confirm')}
            </Button>
          </Stack>
        )}
        <ErrorAlert error={confirm.error} />
        <Group gap="md">
          <Anchor href={policyDownloadUrl(libraryId, 'pdf')} download>
            {t('strategy.policy.downloadPdf')}
          </Anchor>
          <Anchor href={policyDownloadUrl(libraryId, 'markdown')} download>
            {t('strategy.policy.downloadMarkdown')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  )
}

function PublicLinkPanel({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const overview = useQuery(strategyQuery(libraryId))
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setPublicLink(libraryId, enabled),
    onSuccess: async (link) => {
      await queryClient.invalidateQueries({ queryKey: strategyQuery(libraryId).queryKey })
      notify(link.enabled ? t('strategy.public.on') : t('strategy.public.off'))
    },
  })
  const link = overview.data?.publicLink
  // The choice shows at once; the server's answer replaces it.
  const [wanted, setWanted] = useState<boolean>()
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="public-heading">
      <Stack gap="sm" maw={640}>
        <Title order={2} size="h3" id="public-heading">
          {t('strategy.public.title')}
        </Title>
        <Text className="prose">{t('strategy.public.intro')}</Text>
        <Checkbox
          label={t('strategy.public.toggle')}
          checked={wanted ?? link?.enabled ?? false}
          disabled={!link || toggle.isPending}
          onChange={(e) => {
            const enabled = e.currentTarget.checked
            setWanted(enabled)
            toggle.mutate(enabled, { onSettled: () => setWanted(undefined) })
          }}
        />
        {link?.url && (
          <TextInput
            label={t('strategy.public.address')}
            value={link.url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <ErrorAlert error={toggle.error} />
      </Stack>
    </Paper>
  )
}

function ReadersPanel({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const format = useFormat(useMembership(libraryId).timeZone)
  const readers = useQuery(policyReadersQuery(libraryId))
  const read = readers.data?.filter((r) => r.readAt).length ?? 0
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="readers-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="readers-heading">
          {t('strategy.readers.title')}
        </Title>
        {readers.isPending ? (
          <Loading />
        ) : readers.isError ? (
          <ErrorAlert error={readers.error} />
        ) : (
          <>
            <Text>{t('strategy.readers.summary', { read, total: readers.data.length })}</Text>
            <ScrollTable minWidth={420} labelledBy="readers-heading">
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('strategy.readers.name')}</Table.Th>
                    <Table.Th scope="col">{t('strategy.readers.role')}</Table.Th>
                    <Table.Th scope="col">{t('strategy.readers.readAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {readers.data.map((r) => {
                    const role = roleSchema.safeParse(r.role)
                    return (
                      <Table.Tr key={r.userId}>
                        <Table.Td>{r.name}</Table.Td>
                        <Table.Td>{role.success ? format.role(role.data) : r.role}</Table.Td>
                        <Table.Td>
                          {r.readAt ? format.date(r.readAt) : t('strategy.readers.notYet')}
                        </Table.Td>
                      </Table.Tr>
                    )
                  })}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </>
        )}
      </Stack>
    </Paper>
  )
}

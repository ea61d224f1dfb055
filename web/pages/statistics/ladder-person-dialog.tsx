import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { LadderPerson } from '../../../core/schemas/ladder.js'
import { ladderKey, ladderPersonQuery, setLead } from '../../api/ladder.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { atHandle, channelName } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { monthName, stepLabel } from './ladder-format.js'
import { ScrollTable } from '../../components/scroll-table.js'

const caption = { captionSide: 'top', textAlign: 'start', fontWeight: 600 } as const

/** One person, opened on purpose by someone allowed: the opening is in the audit log. */
export function LadderPersonDialog({
  libraryId,
  code,
  timeZone,
  onClose,
}: {
  libraryId: string
  code: string
  timeZone: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const person = useQuery(ladderPersonQuery(libraryId, code))
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('ladder.person.title', { code })}
      size="xl"
      centered
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {person.isPending ? (
        <Loading />
      ) : person.isError ? (
        <ErrorAlert error={person.error} />
      ) : (
        <PersonView libraryId={libraryId} person={person.data} timeZone={timeZone} />
      )}
    </Modal>
  )
}

function PersonView({
  libraryId,
  person,
  timeZone,
}: {
  libraryId: string
  person: LadderPerson
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  const none = t('ladder.levels.none')
  const step = (level: LadderPerson['level']) => stepLabel(level, i18n.language, none)
  const lead = useMutation({
    mutationFn: () => setLead(libraryId, person.member, !person.lead),
    onSuccess: async (updated) => {
      queryClient.setQueryData(ladderPersonQuery(libraryId, person.member).queryKey, updated)
      await queryClient.invalidateQueries({ queryKey: ladderKey(libraryId), exact: true })
      notify(t('ladder.person.leadSaved'))
    },
  })
  const facts = [
    [t('ladder.person.endorsements'), person.facts.endorsements],
    [t('ladder.person.contributions'), person.facts.contributions],
    [t('ladder.person.unpromptedWeeks'), person.facts.unpromptedWeeks],
  ] as const
  return (
    <Stack gap="md">
      <Alert role="note" variant="light" color="gray">
        {t('ladder.person.audit')}
      </Alert>
      <dl className="details">
        <dt>{t('ladder.person.account')}</dt>
        <dd>
          {person.account.profileUrl ? (
            <Anchor href={person.account.profileUrl} target="_blank" rel="noreferrer">
              {atHandle(person.account.handle)}
            </Anchor>
          ) : (
            atHandle(person.account.handle)
          )}
          {person.account.name && ` (${person.account.name})`}
        </dd>
        <dt>{t('ladder.person.channel')}</dt>
        <dd>{channelName(person.channel)}</dd>
        <dt>{t('ladder.person.level')}</dt>
        <dd>{step(person.level)}</dd>
        <dt>{t('ladder.person.earned')}</dt>
        <dd>{step(person.earnedLevel)}</dd>
        <dt>{t('ladder.person.firstSeen')}</dt>
        <dd>{format.date(person.firstSeenAt)}</dd>
        <dt>{t('ladder.person.lastSeen')}</dt>
        <dd>{format.date(person.lastSeenAt)}</dd>
        <dt>{t('ladder.person.following')}</dt>
        <dd>
          {person.followedAt ? format.date(person.followedAt) : t('ladder.person.notFollowing')}
        </dd>
      </dl>
      <Stack gap="xs">
        {person.lead && (
          <Badge variant="filled" tt="none" w="fit-content">
            {t('ladder.person.lead')}
          </Badge>
        )}
        <Text size="sm" className="prose">
          {person.lead ? t('ladder.person.leadHint') : t('ladder.person.leadExplain')}
        </Text>
        <ErrorAlert error={lead.error} />
        <Group>
          <Button
            variant={person.lead ? 'default' : 'filled'}
            onClick={() => lead.mutate()}
            loading={lead.isPending}
          >
            {person.lead ? t('ladder.person.unmarkLead') : t('ladder.person.markLead')}
          </Button>
        </Group>
      </Stack>
      <Table verticalSpacing={4} maw={520}>
        <Table.Caption style={caption}>{t('ladder.person.factsTitle')}</Table.Caption>
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={500}>
                {label}
              </Table.Th>
              <Table.Td>{format.number(value)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('ladder.person.writings')}
        </Title>
        {person.writings.length === 0 ? (
          <Text size="sm">{t('ladder.person.noWritings')}</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {person.writings.map((w) => (
              <li key={`${w.at}${w.url}`}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {t(`ladder.person.kinds.${w.kind}`)}
                  </Text>
                  <Text size="sm">{format.date(w.at)}</Text>
                  {w.unprompted && (
                    <Badge variant="light" tt="none">
                      {t('ladder.person.unprompted')}
                    </Badge>
                  )}
                  {!w.counts && (
                    <Badge variant="light" color="gray" tt="none">
                      {t('ladder.person.outside')}
                    </Badge>
                  )}
                </Group>
                {w.url ? (
                  <Anchor href={w.url} target="_blank" rel="noreferrer" size="sm">
                    {w.text || w.url}
                  </Anchor>
                ) : (
                  <Text size="sm">{w.text}</Text>
                )}
              </li>
            ))}
          </Stack>
        )}
      </Stack>
      <ScrollTable minWidth={480} label={t('ladder.person.days')}>
        <Table verticalSpacing={4} striped>
          <Table.Caption style={caption}>{t('ladder.person.days')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ladder.person.day')}</Table.Th>
              <Table.Th scope="col">{t('ladder.person.follows')}</Table.Th>
              <Table.Th scope="col">{t('ladder.person.endorsements')}</Table.Th>
              <Table.Th scope="col">{t('ladder.person.contributions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {person.days.map((d) => (
              <Table.Tr key={d.day}>
                <Table.Th scope="row" fw={500}>
                  {d.day}
                </Table.Th>
                <Table.Td>{format.number(d.follows)}</Table.Td>
                <Table.Td>{format.number(d.endorsements)}</Table.Td>
                <Table.Td>{format.number(d.contributions)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {person.movements.length > 0 && (
        <Table verticalSpacing={4} striped maw={520}>
          <Table.Caption style={caption}>{t('ladder.person.movements')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ladder.person.month')}</Table.Th>
              <Table.Th scope="col">{t('ladder.table.from')}</Table.Th>
              <Table.Th scope="col">{t('ladder.table.to')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {person.movements.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row" fw={500}>
                  {monthName(m.month, i18n.language)}
                </Table.Th>
                <Table.Td>{step(m.from)}</Table.Td>
                <Table.Td>{step(m.to)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

import { Button, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { LadderMonthSummary, LadderOverview } from '../../../core/schemas/ladder.js'
import { channelName } from '../../components/network.js'
import { useFormat } from '../../i18n/format.js'
import { monthName, stepLabel } from './ladder-format.js'
import { ScrollTable } from '../../components/scroll-table.js'

const caption = { captionSide: 'top', textAlign: 'start', fontWeight: 600 } as const
const MOVEMENTS = ['up', 'down', 'joined', 'left'] as const

/** The month's movements beside last month's, in aggregate. */
export function LadderMovements({ overview }: { overview: LadderOverview }) {
  const { t, i18n } = useTranslation()
  const format = useFormat()
  const cell = (summary: LadderMonthSummary | null, kind: (typeof MOVEMENTS)[number]) =>
    summary ? format.number(summary[kind]) : t('ladder.pyramid.noCount')
  return (
    <Stack gap="sm" component="section" aria-labelledby="movements-heading">
      <Title order={2} size="h3" id="movements-heading">
        {t('ladder.movement.title')}
      </Title>
      <ScrollTable minWidth={420} label={t('ladder.movement.caption')}>
        <Table verticalSpacing="xs" striped maw={640}>
          <Table.Caption style={caption}>{t('ladder.movement.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ladder.movement.kind')}</Table.Th>
              <Table.Th scope="col">{monthName(overview.month, i18n.language)}</Table.Th>
              <Table.Th scope="col">{monthName(overview.previousMonth, i18n.language)}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {MOVEMENTS.map((kind) => (
              <Table.Tr key={kind}>
                <Table.Th scope="row" fw={500}>
                  {t(`ladder.movement.${kind}`)}
                </Table.Th>
                <Table.Td>{cell(overview.thisMonth, kind)}</Table.Td>
                <Table.Td>{cell(overview.lastMonth, kind)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  )
}

function OpenButton({ code, onOpen }: { code: string; onOpen: (code: string) => void }) {
  const { t } = useTranslation()
  return (
    <Button
      size="compact-sm"
      variant="default"
      onClick={() => onOpen(code)}
      aria-label={t('ladder.table.openPerson', { code })}
    >
      {t('ladder.table.open')}
    </Button>
  )
}

/** Who moved up this month and who the ambassadors are, by code; the allowed may open one. */
export function LadderPeople({
  overview,
  onOpen,
}: {
  overview: LadderOverview
  onOpen?: ((code: string) => void) | undefined
}) {
  const { t, i18n } = useTranslation()
  const format = useFormat()
  const none = t('ladder.levels.none')
  const step = (level: Parameters<typeof stepLabel>[0]) => stepLabel(level, i18n.language, none)
  const title = t('ladder.movedUp.title', { month: monthName(overview.month, i18n.language) })
  return (
    <>
      <Stack gap="sm" component="section" aria-labelledby="moved-up-heading">
        <Title order={2} size="h3" id="moved-up-heading">
          {title}
        </Title>
        {overview.movedUp.length === 0 ? (
          <Text>{t('ladder.movedUp.none')}</Text>
        ) : (
          <ScrollTable minWidth={520} label={title}>
            <Table verticalSpacing="xs" striped>
              <Table.Caption style={caption}>{title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('ladder.table.person')}</Table.Th>
                  <Table.Th scope="col">{t('ladder.table.account')}</Table.Th>
                  <Table.Th scope="col">{t('ladder.table.from')}</Table.Th>
                  <Table.Th scope="col">{t('ladder.table.to')}</Table.Th>
                  {onOpen && <Table.Td />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.movedUp.map((m) => (
                  <Table.Tr key={m.member}>
                    <Table.Th scope="row" fw={500} ff="monospace">
                      {m.member}
                    </Table.Th>
                    <Table.Td>{channelName(m.channel)}</Table.Td>
                    <Table.Td>{step(m.from)}</Table.Td>
                    <Table.Td>{step(m.to)}</Table.Td>
                    {onOpen && (
                      <Table.Td>
                        <OpenButton code={m.member} onOpen={onOpen} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {overview.movedUpTotal > overview.movedUp.length && (
          <Text size="sm">
            {t('ladder.movedUp.shown', {
              shown: format.number(overview.movedUp.length),
              total: format.number(overview.movedUpTotal),
            })}
          </Text>
        )}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="ambassadors-heading">
        <Title order={2} size="h3" id="ambassadors-heading">
          {t('ladder.ambassadors.title')}
        </Title>
        <Text className="prose">{t('ladder.ambassadors.intro')}</Text>
        {overview.ambassadors.length === 0 ? (
          <Text>{t('ladder.ambassadors.none')}</Text>
        ) : (
          <ScrollTable minWidth={520} label={t('ladder.ambassadors.title')}>
            <Table verticalSpacing="xs" striped>
              <Table.Caption style={caption}>{t('ladder.ambassadors.title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('ladder.table.person')}</Table.Th>
                  <Table.Th scope="col">{t('ladder.table.account')}</Table.Th>
                  <Table.Th scope="col">{t('ladder.table.step')}</Table.Th>
                  <Table.Th scope="col">{t('ladder.table.since')}</Table.Th>
                  {onOpen && <Table.Td />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.ambassadors.map((a) => (
                  <Table.Tr key={a.member}>
                    <Table.Th scope="row" fw={500} ff="monospace">
                      {a.member}
                    </Table.Th>
                    <Table.Td>{channelName(a.channel)}</Table.Td>
                    <Table.Td>{step(a.level)}</Table.Td>
                    <Table.Td>{format.date(a.firstSeenAt)}</Table.Td>
                    {onOpen && (
                      <Table.Td>
                        <OpenButton code={a.member} onOpen={onOpen} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </>
  )
}

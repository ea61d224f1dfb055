import { Box, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PYRAMID_STEPS } from '../../../core/ladder/levels.js'
import type { LadderOverview } from '../../../core/schemas/ladder.js'
import { useFormat } from '../../i18n/format.js'
import { monthName, stepLabel } from './ladder-format.js'
import './ladder.css'
import { ScrollTable } from '../../components/scroll-table.js'

const TOP_DOWN = [...PYRAMID_STEPS].reverse()

/**
 * The pyramid as the workshop draws it, narrowest at the top, with this
 * month's count on each step; the picture is for the eye, and the same
 * numbers with last month's beside them are in the table under it.
 */
export function LadderPyramid({ overview }: { overview: LadderOverview }) {
  const { t, i18n } = useTranslation()
  const format = useFormat()
  const month = monthName(overview.month, i18n.language)
  const previous = monthName(overview.previousMonth, i18n.language)
  const byLevel = new Map(overview.levels.map((l) => [l.level, l]))
  const none = t('ladder.levels.none')
  const change = (now: number, before: number | null) =>
    before === null
      ? t('ladder.pyramid.noCount')
      : `${now - before > 0 ? '+' : ''}${format.number(now - before)}`

  return (
    <Stack gap="md" component="section" aria-labelledby="pyramid-heading">
      <Title order={2} size="h3" id="pyramid-heading">
        {t('ladder.pyramid.title')}
      </Title>
      <Box component="figure" m={0} className="ladder-pyramid">
        <div aria-hidden="true">
          {TOP_DOWN.map((step, i) => (
            <div
              key={step}
              className={`ladder-step ladder-step-${step}`}
              style={{ width: `${34 + i * 13}%` }}
            >
              <span>{stepLabel(step, i18n.language, none)}</span>
              <strong>
                {step === 'observe' ? '–' : format.number(byLevel.get(step)?.thisMonth ?? 0)}
              </strong>
            </div>
          ))}
        </div>
        <Text component="figcaption" size="sm" c="dimmed" mt="xs">
          {t('ladder.pyramid.figure', { month })}
        </Text>
      </Box>
      <ScrollTable minWidth={480} label={t('ladder.pyramid.caption', { month, previous })}>
        <Table verticalSpacing="xs" striped>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>
            {t('ladder.pyramid.caption', { month, previous })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ladder.pyramid.step')}</Table.Th>
              <Table.Th scope="col">{month}</Table.Th>
              <Table.Th scope="col">{previous}</Table.Th>
              <Table.Th scope="col">{t('ladder.pyramid.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {TOP_DOWN.map((step) => {
              const row = step === 'observe' ? undefined : byLevel.get(step)
              return (
                <Table.Tr key={step}>
                  <Table.Th scope="row" fw={500}>
                    {stepLabel(step, i18n.language, none)}
                  </Table.Th>
                  {row ? (
                    <>
                      <Table.Td>{format.number(row.thisMonth)}</Table.Td>
                      <Table.Td>
                        {row.lastMonth === null
                          ? t('ladder.pyramid.noCount')
                          : format.number(row.lastMonth)}
                      </Table.Td>
                      <Table.Td>{change(row.thisMonth, row.lastMonth)}</Table.Td>
                    </>
                  ) : (
                    <Table.Td colSpan={3}>{t('ladder.pyramid.notMeasurable')}</Table.Td>
                  )}
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Stack gap={4} className="prose">
        <Text size="sm">{t('ladder.pyramid.observers')}</Text>
        <Text size="sm">
          {overview.observers.networkFollowers === null
            ? t('ladder.pyramid.noFollowers')
            : t('ladder.pyramid.followers', {
                followers: format.number(overview.observers.networkFollowers),
                unseen: format.number(overview.observers.followersUnseen ?? 0),
              })}
        </Text>
      </Stack>
    </Stack>
  )
}

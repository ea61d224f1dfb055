import { Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ResponseTimes } from '../../../core/schemas/inbox.js'
import { intlLocale } from '../../i18n/format.js'
import { durationInWords } from './duration.js'
import { ScrollTable } from '../../components/scroll-table.js'

type Row = ResponseTimes['byWeek'][number]

/** One breakdown of response times as a real table: the numbers, not only a picture of them. */
export function ResponseTimeTable({
  caption,
  firstColumn,
  rows,
  hasTarget,
}: {
  caption: string
  firstColumn: string
  rows: Row[]
  hasTarget: boolean
}) {
  const { t, i18n } = useTranslation()
  const percent = new Intl.NumberFormat(intlLocale(i18n.language), { style: 'percent' })
  const number = new Intl.NumberFormat(intlLocale(i18n.language))
  if (rows.length === 0)
    return (
      <Text size="sm">
        {caption}: {t('inboxSettings.times.noRows')}
      </Text>
    )
  return (
    <ScrollTable minWidth={560} label={caption}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600 }}>
          {caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{firstColumn}</Table.Th>
            <Table.Th scope="col">{t('inboxSettings.times.answered')}</Table.Th>
            <Table.Th scope="col">{t('inboxSettings.times.median')}</Table.Th>
            <Table.Th scope="col">{t('inboxSettings.times.p90')}</Table.Th>
            {hasTarget && <Table.Th scope="col">{t('inboxSettings.times.withinTarget')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                {row.label}
              </Table.Th>
              <Table.Td>{number.format(row.answered)}</Table.Td>
              <Table.Td>{durationInWords(t, row.medianMinutes)}</Table.Td>
              <Table.Td>{durationInWords(t, row.p90Minutes)}</Table.Td>
              {hasTarget && (
                <Table.Td>
                  {row.withinTarget === null
                    ? t('inboxSettings.duration.none')
                    : percent.format(row.withinTarget)}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}

import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { type ReactNode, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

export interface FigureTable {
  columns: { label: string; numeric?: boolean }[]
  rows: ReactNode[][]
}

/**
 * One chart as a section: its heading, how its numbers are counted, the
 * picture, its numbers as a table, and the numbers as CSV. The table is always
 * there for a screen reader (the picture is hidden from it); sighted readers
 * can show it too.
 */
export function ChartFigure({
  title,
  formula,
  csvHref,
  table,
  empty,
  children,
}: {
  title: string
  formula: ReactNode
  csvHref: string
  table: FigureTable
  /** Said instead of the picture when there is nothing to draw. */
  empty?: string | undefined
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const id = useId()
  const [shown, setShown] = useState(false)
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={`${id}-title`}>
          {title}
        </Title>
        <Text size="sm" c="dimmed" className="prose">
          {formula}
        </Text>
        {empty ? <Text>{empty}</Text> : children}
        {/* Shown, a wide table scrolls sideways, so keyboard users can reach it too. */}
        <div
          className={shown ? 'chart-table' : 'visually-hidden'}
          {...(shown && { tabIndex: 0, role: 'region', 'aria-label': title })}
        >
          <Table striped withTableBorder>
            <caption className="visually-hidden">{title}</caption>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c.label} scope="col" ta={c.numeric ? 'right' : undefined}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((row, i) => (
                <Table.Tr key={i}>
                  {row.map((cell, n) =>
                    n === 0 ? (
                      <Table.Th key={n} scope="row" fw={500}>
                        {cell}
                      </Table.Th>
                    ) : (
                      <Table.Td key={n} ta={table.columns[n]?.numeric ? 'right' : undefined}>
                        {cell}
                      </Table.Td>
                    ),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <Group gap="md">
          <Button
            variant="subtle"
            size="compact-sm"
            aria-pressed={shown}
            onClick={() => setShown((s) => !s)}
          >
            {t('statistics.showTable')}
          </Button>
          <Anchor href={csvHref} download size="sm">
            {t('statistics.csv', { title })}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  )
}

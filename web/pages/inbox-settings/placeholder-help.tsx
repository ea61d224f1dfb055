import { Button, Group, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ScrollTable } from '../../components/scroll-table.js'

export type PlaceholderInfo = { name: string; meaning: string; example: string }

/** Which placeholders Torget knows, what each becomes, and a button to put one where the cursor is. */
export function PlaceholderHelp({
  placeholders,
  onInsert,
}: {
  placeholders: PlaceholderInfo[]
  onInsert: (name: string) => void
}) {
  const { t } = useTranslation()
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id="placeholder-help">
        {t('inboxSettings.replies.placeholders')}
      </Text>
      <Text size="sm">{t('inboxSettings.replies.placeholdersHint')}</Text>
      <ScrollTable minWidth={480} labelledBy="placeholder-help">
        <Table verticalSpacing={4} aria-labelledby="placeholder-help">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('inboxSettings.replies.placeholder')}</Table.Th>
              <Table.Th scope="col">{t('inboxSettings.replies.becomes')}</Table.Th>
              <Table.Th scope="col">{t('inboxSettings.replies.example')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('inboxSettings.replies.insertColumn')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {placeholders.map((placeholder) => (
              <Table.Tr key={placeholder.name}>
                <Table.Th scope="row">
                  <code>{`{${placeholder.name}}`}</code>
                </Table.Th>
                <Table.Td>{placeholder.meaning}</Table.Td>
                <Table.Td>{placeholder.example}</Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => onInsert(placeholder.name)}
                    >
                      {t('inboxSettings.replies.insert')}
                      <span className="visually-hidden"> {`{${placeholder.name}}`}</span>
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  )
}

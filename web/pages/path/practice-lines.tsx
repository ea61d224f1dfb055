import {
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PRACTICE_LESSONS, type PracticeLesson } from '../../../core/practice/personas.js'
import { addPracticeLine, practiceLinesQuery, removePracticeLine } from '../../api/path.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'

/** The library's own lines for the practice personas, said beside the built-in ones. */
export function PracticeLines({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const lines = useQuery(practiceLinesQuery(libraryId))
  const [lesson, setLesson] = useState<PracticeLesson>('question')
  const [personaName, setPersonaName] = useState('')
  const [text, setText] = useState('')
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: practiceLinesQuery(libraryId).queryKey })
  const add = useMutation({
    mutationFn: () => addPracticeLine(libraryId, { lesson, personaName, text }),
    onSuccess: () => {
      setText('')
      notify(t('path.lines.added'))
      void refresh()
    },
  })
  const remove = useMutation({
    mutationFn: (id: string) => removePracticeLine(libraryId, id),
    onSuccess: () => void refresh(),
  })
  return (
    <Stack gap="sm" component="section" aria-labelledby="practice-lines-heading">
      <Title order={2} size="h3" id="practice-lines-heading">
        {t('path.lines.title')}
      </Title>
      <Text size="sm">{t('path.lines.intro')}</Text>
      {lines.data && lines.data.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('path.lines.lesson')}</Table.Th>
              <Table.Th scope="col">{t('path.lines.persona')}</Table.Th>
              <Table.Th scope="col">{t('path.lines.text')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('path.lines.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.data.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{t(`path.lesson.${l.lesson}`)}</Table.Td>
                <Table.Td>{l.personaName}</Table.Td>
                <Table.Td>{l.text}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => remove.mutate(l.id)}
                    aria-label={t('path.lines.removeNamed', { name: l.personaName })}
                  >
                    {t('path.lines.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (personaName.trim() && text.trim()) add.mutate()
        }}
      >
        <Stack gap="xs" maw={560}>
          <NativeSelect
            label={t('path.lines.lesson')}
            value={lesson}
            onChange={(e) => setLesson(e.currentTarget.value as PracticeLesson)}
            data={PRACTICE_LESSONS.map((l) => ({ value: l, label: t(`path.lesson.${l}`) }))}
          />
          <TextInput
            label={t('path.lines.persona')}
            required
            maxLength={60}
            value={personaName}
            onChange={(e) => setPersonaName(e.currentTarget.value)}
          />
          <Textarea
            label={t('path.lines.text')}
            required
            maxLength={400}
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('path.lines.add')}
            </Button>
          </Group>
          {(add.error || remove.error) && <ErrorAlert error={add.error ?? remove.error} />}
        </Stack>
      </form>
    </Stack>
  )
}

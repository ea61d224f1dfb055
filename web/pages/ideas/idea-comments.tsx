import { Button, Stack, Text, Textarea } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { commentOnIdea, ideaCommentsQuery } from '../../api/ideas.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'

/** Colleagues' talk about an idea, and a field to add to it. */
export function IdeaComments(props: {
  id: string
  libraryId: string
  ideaId: string
  timeZone: string
  onAdded: () => void
}) {
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  const queryClient = useQueryClient()
  const query = ideaCommentsQuery(props.libraryId, props.ideaId)
  const comments = useQuery(query)
  const [text, setText] = useState('')
  const add = useMutation({
    mutationFn: () => commentOnIdea(props.libraryId, props.ideaId, text),
    onSuccess: (all) => {
      queryClient.setQueryData(query.queryKey, all)
      setText('')
      props.onAdded()
    },
  })

  return (
    <Stack gap="xs" id={props.id}>
      {comments.isPending ? (
        <Loading />
      ) : comments.isError ? (
        <ErrorAlert error={comments.error} />
      ) : (
        comments.data.length > 0 && (
          <Stack gap={6} component="ul" className="plain-list">
            {comments.data.map((c) => (
              <li key={c.id}>
                <Text size="sm" fw={600} span>
                  {c.authorName}
                </Text>{' '}
                <Text size="xs" c="dimmed" span>
                  {format.dateTime(c.createdAt)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {c.text}
                </Text>
              </li>
            ))}
          </Stack>
        )
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) add.mutate()
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={t('ideas.comments.label')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={1}
          />
          <Button
            type="submit"
            variant="default"
            size="compact-md"
            loading={add.isPending}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('ideas.comments.send')}
          </Button>
          <ErrorAlert error={add.error} />
        </Stack>
      </form>
    </Stack>
  )
}

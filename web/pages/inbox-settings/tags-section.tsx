import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type InboxTag,
  createTag,
  inboxSettingsKey,
  inboxTagsQuery,
  moved,
  reorderTags,
} from '../../api/inbox-settings.js'
import { ErrorAlert, useErrorMessage } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { Loading } from '../../components/route-states.js'
import { focusMoved } from './move-buttons.js'
import { TagRow } from './tag-row.js'

/** Taggar: the words the team sorts messages with (fråga, beröm, klagomål …). */
export function TagsSection({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const tags = useQuery(inboxTagsQuery(libraryId))
  const key = inboxTagsQuery(libraryId).queryKey
  const reorder = useMutation({
    mutationFn: (order: InboxTag[]) =>
      reorderTags(
        libraryId,
        order.map((tag) => tag.id),
      ),
    onMutate: (order) => queryClient.setQueryData(key, order),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) }),
  })
  const move = (id: string, step: -1 | 1) => {
    // One move at a time: the next is worked out from the order the server kept.
    if (!tags.data || reorder.isPending) return
    reorder.mutate(moved(tags.data, id, step))
    focusMoved(id, step)
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="tags-heading">
      <Title order={2} size="h3" id="tags-heading">
        {t('inboxSettings.tags.title')}
      </Title>
      <Text className="prose">{t('inboxSettings.tags.intro')}</Text>
      <AddTagForm libraryId={libraryId} />
      <ErrorAlert error={reorder.error} />
      {tags.isPending ? (
        <Loading />
      ) : tags.isError ? (
        <ErrorAlert error={tags.error} />
      ) : tags.data.length === 0 ? (
        <Text>{t('inboxSettings.tags.empty')}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list" aria-labelledby="tags-heading">
          {tags.data.map((tag, index) => (
            <li key={tag.id}>
              <TagRow
                libraryId={libraryId}
                tag={tag}
                first={index === 0}
                last={index === tags.data.length - 1}
                onMove={(step) => move(tag.id, step)}
              />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  )
}

function AddTagForm({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const message = useErrorMessage()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const add = useMutation({
    mutationFn: (value: string) => createTag(libraryId, value),
    onSuccess: async (_tags, value) => {
      setName('')
      notify(t('inboxSettings.tags.added', { name: value }))
      await queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) })
    },
    // A duplicate name (409 tag_exists) or a too long one belongs beside the field.
    onError: (error) => setProblem(message(error)),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = name.trim()
    if (!value) return setProblem(t('validation.required'))
    setProblem(null)
    add.mutate(value)
  }
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput
          id="new-tag"
          label={t('inboxSettings.tags.newLabel')}
          description={t('inboxSettings.tags.newHint')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problem}
          maxLength={40}
          w={280}
          maw="100%"
        />
        <Button type="submit" mt={{ base: 0, xs: 46 }} loading={add.isPending}>
          {t('inboxSettings.tags.add')}
        </Button>
      </Group>
    </form>
  )
}

import { Checkbox, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Post } from '../../../core/schemas/index.js'
import { postQuery, setPaidBoost } from '../../api/posts.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'

/**
 * Whether the library pays to spread the post. Not part of what goes out, so
 * it can be changed in any state; Statistik counts such posts as paid.
 */
export function PaidBoost({
  libraryId,
  post,
  mayChange,
}: {
  libraryId: string
  post: Post
  mayChange: boolean
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  // Shown at once as ticked; put back if the server says no.
  const [checked, setChecked] = useState(post.paidBoost)
  const save = useMutation({
    mutationFn: (paid: boolean) => setPaidBoost(libraryId, post.id, paid),
    onError: () => setChecked(post.paidBoost),
    onSuccess: (saved) => {
      queryClient.setQueryData(postQuery(libraryId, post.id).queryKey, saved)
      notify(t(saved.paidBoost ? 'statistics.paidBoost.marked' : 'statistics.paidBoost.unmarked'))
    },
  })
  if (!mayChange && !post.paidBoost) return null
  return (
    <Stack gap="xs" component="section" aria-labelledby="paid-boost-heading" maw={640}>
      <Title order={2} size="h4" id="paid-boost-heading">
        {t('statistics.paidBoost.heading')}
      </Title>
      {mayChange ? (
        <Checkbox
          label={t('statistics.paidBoost.label')}
          description={t('statistics.paidBoost.description')}
          checked={checked}
          disabled={save.isPending}
          onChange={(event) => {
            setChecked(event.currentTarget.checked)
            save.mutate(event.currentTarget.checked)
          }}
        />
      ) : (
        <Text size="sm">{t('statistics.paidBoost.readOnly')}</Text>
      )}
      {save.isError && <ErrorAlert error={save.error} />}
    </Stack>
  )
}

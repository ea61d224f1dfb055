import { Button, Group, Stack, Textarea } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxReply } from '../../api/inbox.js'
import { refreshInboxItem } from '../../api/inbox.js'
import { approvePost, returnPost } from '../../api/approval.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'

type Props = { libraryId: string; itemId: string; reply: InboxReply }

/**
 * An approver's answer to a reply awaiting approval, on the item it answers: approve it
 * (it is published in the thread at once) or return it with a word on what to change.
 */
export function ReplyReview({ libraryId, itemId, reply }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [returning, setReturning] = useState(false)
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string>()
  const fieldId = `reply-return-${reply.postId}`
  const refresh = () => refreshInboxItem(queryClient, libraryId, itemId)
  const approve = useMutation({
    mutationFn: () => approvePost(libraryId, reply.postId, { version: reply.version }),
    onSuccess: () => notify(t('inbox.replies.review.approved')),
    onSettled: refresh,
  })
  const giveBack = useMutation({
    mutationFn: () =>
      returnPost(libraryId, reply.postId, { version: reply.version, note: note.trim() }),
    onSuccess: () => {
      setReturning(false)
      setNote('')
      notify(t('inbox.replies.review.returned'))
    },
    onSettled: refresh,
  })
  const submitReturn = (event: FormEvent) => {
    event.preventDefault()
    // The writer learns what to change only from the comment: it is asked for.
    if (!note.trim()) {
      setProblem(t('inbox.replies.review.noteMissing'))
      document.getElementById(fieldId)?.focus()
      return
    }
    setProblem(undefined)
    giveBack.mutate()
  }
  return (
    <Stack gap="xs" mt="xs">
      <ErrorAlert error={approve.error ?? giveBack.error} />
      {returning ? (
        <form onSubmit={submitReturn} noValidate>
          <Stack gap="xs">
            <Textarea
              id={fieldId}
              label={t('inbox.replies.review.note')}
              description={t('inbox.replies.review.noteHint')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={problem}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={2000}
              data-autofocus
            />
            <Group gap="xs">
              <Button type="submit" size="xs" loading={giveBack.isPending}>
                {t('inbox.replies.review.sendBack')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setReturning(false)}>
                {t('inbox.replies.review.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group gap="xs">
          <Button size="xs" loading={approve.isPending} onClick={() => approve.mutate()}>
            {t('inbox.replies.review.approve')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setReturning(true)}>
            {t('inbox.replies.review.return')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

import { Alert, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Post } from '../../../core/schemas/index.js'
import { PostStateLabel } from '../../components/post-status.js'
import { useFormat } from '../../i18n/format.js'

export type ReviewAbilities = {
  submit: boolean
  approve: boolean
  giveBack: boolean
}

type Props = {
  post: Post | undefined
  timeZone: string
  can: ReviewAbilities
  /** What the person should know about the next step, already in words. */
  note: string | undefined
  pending: 'submit' | 'approve' | 'giveBack' | undefined
  onSubmit: (note: string | undefined) => Promise<unknown>
  onApprove: (note: string | undefined) => Promise<unknown>
  onGiveBack: (note: string | undefined) => Promise<unknown>
}

/**
 * Where the post stands in the review, and the next step for this person:
 * send it for review, or approve it or send it back, with a message that is
 * saved as a comment on the post.
 */
export function ReviewActions(props: Props) {
  const { post, can, pending, note } = props
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  const [message, setMessage] = useState('')
  const any = can.submit || can.approve || can.giveBack
  const said = message.trim() || undefined
  // The message stays if the step fails, so nothing written is lost.
  const done = (act: (note: string | undefined) => Promise<unknown>) => () =>
    void act(said).then(
      () => setMessage(''),
      () => undefined,
    )

  return (
    <Stack gap="sm" component="section" aria-labelledby="review-heading">
      <Title order={2} size="h4" id="review-heading">
        {t('approval.review.heading')}
      </Title>
      {post && (
        <Group gap="sm">
          <PostStateLabel state={post.state} />
          {post.approvedAt && post.approvedByName && (
            <Text size="sm">
              {t('approval.review.approvedBy', {
                name: post.approvedByName,
                when: format.dateTime(post.approvedAt),
              })}
            </Text>
          )}
        </Group>
      )}
      {note && (
        <Alert role="note" variant="light" color="gray" p="sm">
          <Text size="sm">{note}</Text>
        </Alert>
      )}
      {any && (
        <>
          <Textarea
            label={
              can.submit
                ? t('approval.review.messageToReviewer')
                : t('approval.review.messageToWriter')
            }
            description={t('approval.review.messageHint')}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={4000}
          />
          <Group gap="sm">
            {can.submit && (
              <Button onClick={done(props.onSubmit)} loading={pending === 'submit'}>
                {t('approval.review.submit')}
              </Button>
            )}
            {can.approve && (
              <Button onClick={done(props.onApprove)} loading={pending === 'approve'}>
                {t('approval.review.approve')}
              </Button>
            )}
            {can.giveBack && (
              <Button
                variant="default"
                onClick={done(props.onGiveBack)}
                loading={pending === 'giveBack'}
              >
                {t('approval.review.giveBack')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  )
}

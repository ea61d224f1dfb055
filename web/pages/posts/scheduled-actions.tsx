import { Button, Group, Stack, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Post } from '../../../core/schemas/index.js'
import { utcToZoned, type ZonedDateTime } from '../../../core/time/zoned.js'
import { postQuery, schedulePost, unschedulePost } from '../../api/posts.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { focusHeadingAfterChange } from './heading-focus.js'
import { checkSchedule, defaultPublishTime, ScheduleFields } from './schedule-fields.js'

type Props = { libraryId: string; post: Post; timeZone: string }

/** For a scheduled post: move it to another time, or take it back to the drafts. */
export function ScheduledActions({ libraryId, post, timeZone }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState(false)
  const [when, setWhen] = useState<ZonedDateTime>(() =>
    post.scheduledAt ? utcToZoned(post.scheduledAt, timeZone) : defaultPublishTime(timeZone),
  )
  const [error, setError] = useState<{ field: 'date' | 'time'; message: string }>()

  const done = async (next: Post, message: string) => {
    focusHeadingAfterChange()
    queryClient.setQueryData(postQuery(libraryId, next.id).queryKey, next)
    notify(message)
    await queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'posts'] })
  }

  const reschedule = useMutation({
    mutationFn: (at: string) => schedulePost(libraryId, post.id, { at, version: post.version }),
    onSuccess: async (next) => {
      setEditing(false)
      await done(next, t('publish.rescheduled'))
    },
  })

  const unschedule = useMutation({
    mutationFn: () => unschedulePost(libraryId, post.id),
    onSuccess: (next) => done(next, t('publish.unscheduled')),
  })

  const save = () => {
    const check = checkSchedule(t, when, timeZone)
    if (!check.ok) {
      setError(check)
      requestAnimationFrame(() => document.getElementById(`reschedule-${check.field}`)?.focus())
      return
    }
    setError(undefined)
    reschedule.mutate(check.at)
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="scheduled-actions-heading">
      <Title order={2} size="h4" id="scheduled-actions-heading">
        {t('publish.scheduledTitle')}
      </Title>
      {editing ? (
        <>
          <ScheduleFields
            idPrefix="reschedule"
            timeZone={timeZone}
            value={when}
            onChange={(next) => {
              setWhen(next)
              setError(undefined)
            }}
            error={error}
          />
          <Group gap="sm">
            <Button onClick={save} loading={reschedule.isPending}>
              {t('publish.saveTime')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setEditing(false)
                reschedule.reset()
                requestAnimationFrame(() => document.getElementById('change-time')?.focus())
              }}
            >
              {t('common.cancel')}
            </Button>
          </Group>
        </>
      ) : (
        <Group gap="sm">
          <Button
            id="change-time"
            variant="default"
            onClick={() => {
              setEditing(true)
              requestAnimationFrame(() => document.getElementById('reschedule-date')?.focus())
            }}
          >
            {t('publish.changeTime')}
          </Button>
          <Button
            variant="default"
            onClick={() => unschedule.mutate()}
            loading={unschedule.isPending}
          >
            {t('publish.unschedule')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={reschedule.error ?? unschedule.error} />
    </Stack>
  )
}

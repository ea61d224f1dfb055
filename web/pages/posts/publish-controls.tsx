import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZonedDateTime } from '../../../core/time/zoned.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { StatusIcon } from '../../components/status-label.js'
import { BLOCKING_HEADING_ID } from './guideline-findings.js'
import { checkSchedule, defaultPublishTime, ScheduleFields } from './schedule-fields.js'

type Props = {
  timeZone: string
  pending: boolean
  /** How many findings of the library's guidelines stop the post. */
  blocked: number
  /** Checks the post itself; false when something must be fixed first (already shown). */
  ready: () => boolean
  /** The person's own post, not yet approved: scheduling approves it too. */
  selfApproving?: boolean
  /** Publishing on Övningskanalen, which only the library's members see. */
  practice?: boolean
  onSchedule: (at: string, now: boolean) => void
}

/** Schedule for a chosen time, or publish at once (after a confirmation). */
export function PublishControls({
  timeZone,
  pending,
  blocked,
  ready,
  selfApproving = false,
  practice = false,
  onSchedule,
}: Props) {
  const { t } = useTranslation()
  const [when, setWhen] = useState<ZonedDateTime>(() => defaultPublishTime(timeZone))
  const [error, setError] = useState<{ field: 'date' | 'time'; message: string }>()
  const [confirming, setConfirming] = useState(false)

  const schedule = () => {
    if (!ready()) return
    const check = checkSchedule(t, when, timeZone)
    if (!check.ok) {
      setError(check)
      requestAnimationFrame(() => document.getElementById(`publish-${check.field}`)?.focus())
      return
    }
    setError(undefined)
    onSchedule(check.at, false)
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="publish-heading">
      <Title order={2} size="h4" id="publish-heading">
        {t('publish.title')}
      </Title>
      <ScheduleFields
        idPrefix="publish"
        timeZone={timeZone}
        value={when}
        onChange={(next) => {
          setWhen(next)
          setError(undefined)
        }}
        error={error}
      />
      {blocked > 0 && (
        <Group gap={6} wrap="nowrap" align="flex-start" id="publish-blocked">
          <StatusIcon tone="bad" size={18} />
          <Text size="sm" fw={600}>
            {t('publish.blocked', { count: blocked })}{' '}
            <Anchor
              component="button"
              type="button"
              size="sm"
              fw={600}
              onClick={() => document.getElementById(BLOCKING_HEADING_ID)?.focus()}
            >
              {t('publish.blockedShow')}
            </Anchor>
          </Text>
        </Group>
      )}
      <Group gap="sm">
        <Button
          onClick={schedule}
          loading={pending}
          aria-describedby={blocked > 0 ? 'publish-blocked' : undefined}
        >
          {t('publish.schedule')}
        </Button>
        <Button
          variant="default"
          disabled={pending}
          aria-describedby={blocked > 0 ? 'publish-blocked' : undefined}
          onClick={() => {
            if (ready()) setConfirming(true)
          }}
        >
          {t('publish.now')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {practice ? t('practice.publishHint') : t('publish.hint')}
        {selfApproving && !practice && ` ${t('approval.note.selfApprove')}`}
      </Text>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('publish.nowTitle')}
        body={t('publish.nowBody')}
        confirmLabel={t('publish.now')}
        confirmColor="torget"
        onConfirm={() => {
          setConfirming(false)
          onSchedule(new Date().toISOString(), true)
        }}
        pending={pending}
      />
    </Stack>
  )
}

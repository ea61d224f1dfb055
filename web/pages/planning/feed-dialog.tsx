import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { calendarFeedQuery, createCalendarFeed, revokeCalendarFeed } from '../../api/calendar.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'

/**
 * Subscribing to the publishing plan in Outlook or Google Calendar: a secret
 * address per member, shown once when it is made, renewable and revocable.
 */
export function FeedDialog({
  libraryId,
  timeZone,
  opened,
  onClose,
}: {
  libraryId: string
  timeZone: string
  opened: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('calendar.feed.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <FeedPanel libraryId={libraryId} timeZone={timeZone} />}
    </Modal>
  )
}

function FeedPanel({ libraryId, timeZone }: { libraryId: string; timeZone: string }) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  const feed = useQuery(calendarFeedQuery(libraryId))
  const [url, setUrl] = useState<string | null>(null)
  const refresh = () => queryClient.invalidateQueries(calendarFeedQuery(libraryId))
  const create = useMutation({
    mutationFn: () => createCalendarFeed(libraryId),
    onSuccess: (created) => {
      setUrl(created.url)
      void refresh()
    },
  })
  const revoke = useMutation({
    mutationFn: () => revokeCalendarFeed(libraryId),
    onSuccess: () => {
      setUrl(null)
      notify(t('calendar.feed.revoked'))
      void refresh()
    },
  })

  if (feed.isPending) return <Loading />
  if (feed.isError) return <ErrorAlert error={feed.error} />
  const active = feed.data.active
  return (
    <Stack gap="md">
      <Text className="prose">{t('calendar.feed.intro')}</Text>
      <Text size="sm" fw={600}>
        {active && feed.data.createdAt
          ? t('calendar.feed.active', { date: format.date(feed.data.createdAt) })
          : t('calendar.feed.none')}{' '}
        {active &&
          (feed.data.lastUsedAt
            ? t('calendar.feed.lastUsed', { date: format.dateTime(feed.data.lastUsedAt) })
            : t('calendar.feed.neverUsed'))}
      </Text>
      {url && (
        <Alert variant="light" color="teal" title={t('calendar.feed.created')} role="status">
          <Stack gap="xs">
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                label={t('calendar.feed.urlLabel')}
                value={url}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">{t('calendar.feed.secret')}</Text>
          </Stack>
        </Alert>
      )}
      {(create.error || revoke.error) && <ErrorAlert error={create.error ?? revoke.error} />}
      <Group>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {active ? t('calendar.feed.renew') : t('calendar.feed.create')}
        </Button>
        {active && (
          <Button
            variant="default"
            color="red"
            onClick={() => revoke.mutate()}
            loading={revoke.isPending}
          >
            {t('calendar.feed.revoke')}
          </Button>
        )}
      </Group>
      {active && !url && <Text size="sm">{t('calendar.feed.renewNote')}</Text>}
    </Stack>
  )
}

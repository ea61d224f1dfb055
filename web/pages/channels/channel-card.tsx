import { accessEndingSoon } from '../../../core/channels/access-expiry.js'
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { httpsUrl } from '../../../core/https-url.js'
import type { Channel } from '../../../core/schemas/index.js'
import { channelsQuery, removeChannel, verifyChannel } from '../../api/channels.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { useErrorMessage } from '../../components/error-alert.js'
import { networkName, atHandle, channelName, useChannelError } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { StatusLabel, type Tone } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'

const HEALTH_TONE: Record<Channel['health'], Tone> = {
  ok: 'ok',
  failing: 'warn',
  needs_reconnect: 'bad',
}

type Props = {
  libraryId: string
  channel: Channel
  timeZone: string
  manage: boolean
  onReconnect: (channel: Channel) => void
}

/** Two weeks before Meta's access ends, the card asks for a reconnection. */
const expiresSoon = (iso: string) => accessEndingSoon(iso, Date.now())

export function ChannelCard({ libraryId, channel, timeZone, manage, onReconnect }: Props) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const channelError = useChannelError()
  // Only an https address from the network becomes a link.
  const profileUrl = httpsUrl(channel.profileUrl)
  const errorMessage = useErrorMessage()
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const headingId = `channel-${channel.id}`
  const name = channelName(channel)
  // Publishing works, but not everything else does (a comment permission not granted).
  const partly = channel.health === 'ok' && Boolean(channel.healthWarning)

  const verify = useMutation({
    mutationFn: () => verifyChannel(libraryId, channel.id),
    onSuccess: (checked) => {
      queryClient.setQueryData(channelsQuery(libraryId).queryKey, (old) =>
        old?.map((c) => (c.id === checked.id ? checked : c)),
      )
      notify(
        checked.health === 'ok'
          ? t('channels.verifiedOk', { name })
          : t('channels.verifiedProblem', {
              name,
              problem: channelError(checked.healthCode, checked.network),
            }),
        checked.health === 'ok' ? 'success' : 'error',
      )
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  })

  const removal = useMutation({
    mutationFn: () => removeChannel(libraryId, channel.id),
    onSuccess: async () => {
      // The card (and this dialog in it) goes away: focus moves to the list's heading.
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      document.getElementById('connected-heading')?.focus()
      notify(t('channels.removed', { name }))
    },
  })

  return (
    <Paper withBorder p="lg" radius="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} miw={0}>
            <Text size="sm" fw={600} c="dimmed">
              {networkName(channel.network)}
            </Text>
            <Title order={3} size="h4" id={headingId}>
              {channel.displayName || atHandle(channel.handle)}
            </Title>
            {profileUrl ? (
              <Anchor href={profileUrl} style={{ overflowWrap: 'anywhere' }}>
                {t('channels.profileLink', {
                  handle: atHandle(channel.handle),
                  network: networkName(channel.network),
                })}
              </Anchor>
            ) : (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {atHandle(channel.handle)}
              </Text>
            )}
          </Stack>
          <StatusLabel tone={partly ? 'warn' : HEALTH_TONE[channel.health]}>
            {t(partly ? 'channels.health.partly' : `channels.health.${channel.health}`)}
          </StatusLabel>
        </Group>
        {channel.health !== 'ok' && (
          <Text size="sm" className="prose">
            {channelError(channel.healthCode, channel.network)}
          </Text>
        )}
        {partly && (
          <Text size="sm" className="prose">
            {t(`channels.warning.${channel.healthWarning}`, {
              defaultValue: t('channels.warning.other'),
            })}
          </Text>
        )}
        <dl className="details">
          <div className="details-row">
            <dt>{t('channels.limitsTitle')}</dt>
            <dd>
              {t('channels.limits', {
                characters: format.number(channel.limits.maxCharacters),
                count: channel.limits.maxImages,
              })}
            </dd>
          </div>
          <div className="details-row">
            <dt>{t('channels.checkedAt')}</dt>
            <dd>{format.dateTime(channel.checkedAt)}</dd>
          </div>
        </dl>
        {channel.accessExpiresAt && (
          <Text
            size="sm"
            c={expiresSoon(channel.accessExpiresAt) ? 'orange.9' : undefined}
            role={expiresSoon(channel.accessExpiresAt) ? 'alert' : undefined}
          >
            {t(expiresSoon(channel.accessExpiresAt) ? 'meta.expiresSoon' : 'meta.expires', {
              date: format.date(channel.accessExpiresAt),
            })}
          </Text>
        )}
        {manage && (
          <Group gap="xs">
            <Button
              variant="default"
              size="sm"
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              aria-label={t('channels.verifyNamed', { name })}
            >
              {t('channels.verify')}
            </Button>
            <Button
              variant={channel.health === 'needs_reconnect' ? 'filled' : 'default'}
              size="sm"
              onClick={() => onReconnect(channel)}
              aria-label={t('channels.reconnectNamed', { name })}
            >
              {t('channels.reconnect')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              size="sm"
              onClick={() => {
                removal.reset()
                setConfirming(true)
              }}
              aria-label={t('channels.removeNamed', { name })}
            >
              {t('channels.remove')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('channels.removeTitle', { name })}
        body={t('channels.removeBody', { name })}
        confirmLabel={t('channels.remove')}
        onConfirm={() => removal.mutate()}
        pending={removal.isPending}
        error={removal.error}
      />
    </Paper>
  )
}

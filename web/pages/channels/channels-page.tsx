import { Alert, Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { enablePractice } from '../../api/path.js'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import type { Channel } from '../../../core/schemas/index.js'
import { channelsQuery } from '../../api/channels.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { ChannelCard } from './channel-card.js'
import { ConnectBlueskyForm } from './connect-bluesky-form.js'
import { ConnectMastodonForm } from './connect-mastodon-form.js'
import { ConnectMeta, MetaReturn, useMetaSignIn } from './connect-meta.js'
import { isMetaNetwork } from '../../../core/channels/networks.js'
import { channelErrorMessage } from '../../../core/channel-errors.js'
import type { Locale } from '../../../core/locale.js'

type Reconnecting = { channel: Channel; at: number }

function mastodonInstance(channel: Channel): string {
  try {
    return new URL(channel.profileUrl).host
  } catch {
    return channel.handle.split('@').pop() ?? ''
  }
}

export function ChannelsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const channels = useQuery(channelsQuery(libraryId))
  const manage = can(membership.role, 'channels.manage')
  const [reconnecting, setReconnecting] = useState<Reconnecting>()

  // The form opens afresh (keyed by the moment), filled in, with focus on the secret to type.
  const metaSignIn = useMetaSignIn(libraryId)
  // Meta's networks reconnect through Meta's consent page: one click.
  const reconnect = (channel: Channel) =>
    isMetaNetwork(channel.network)
      ? metaSignIn.mutate(channel.network === 'threads' ? 'threads' : 'facebook')
      : setReconnecting({ channel, at: Date.now() })
  const prefillFor = (network: Channel['network']) =>
    reconnecting?.channel.network === network ? reconnecting : undefined
  const bluesky = prefillFor('bluesky')
  const mastodon = prefillFor('mastodon')

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('channels.title')}</PageHeading>
        <Text className="prose">{t('channels.intro')}</Text>
      </Stack>
      <MastodonReturn />
      {manage && <MetaReturn libraryId={libraryId} />}

      <Stack gap="sm" component="section" aria-labelledby="connected-heading">
        <Title order={2} size="h3" id="connected-heading" tabIndex={-1}>
          {t('channels.connectedTitle')}
        </Title>
        {channels.isPending ? (
          <Loading />
        ) : channels.isError ? (
          <ErrorAlert error={channels.error} />
        ) : channels.data.length === 0 ? (
          <Text className="prose">
            {manage ? t('channels.noneManage') : t('channels.noneRead')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {channels.data.map((channel) => (
              <ChannelCard
                key={channel.id}
                libraryId={libraryId}
                channel={channel}
                timeZone={membership.timeZone}
                manage={manage}
                onReconnect={reconnect}
              />
            ))}
          </SimpleGrid>
        )}
        {!manage && (
          <Alert role="note" variant="light" color="gray">
            {t('channels.readOnly')}
          </Alert>
        )}
      </Stack>

      {manage && (
        <Stack gap="md" component="section" aria-labelledby="connect-heading">
          <Stack gap="xs">
            <Title order={2} size="h3" id="connect-heading">
              {t('connect.title')}
            </Title>
            <Text className="prose">{t('connect.intro')}</Text>
          </Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Paper withBorder p="lg" radius="lg" id="connect-bluesky">
              <Stack gap="sm">
                <Title order={3} size="h4" id="connect-bluesky-heading">
                  {bluesky ? t('connect.bluesky.titleAgain') : t('connect.bluesky.title')}
                </Title>
                <Text size="sm">{t('connect.bluesky.intro')}</Text>
                <ConnectBlueskyForm
                  key={bluesky?.at ?? 'new'}
                  libraryId={libraryId}
                  prefill={bluesky && { identifier: bluesky.channel.handle.replace(/^@/, '') }}
                />
              </Stack>
            </Paper>
            <Paper withBorder p="lg" radius="lg" id="connect-mastodon">
              <Stack gap="sm">
                <Title order={3} size="h4" id="connect-mastodon-heading">
                  {mastodon ? t('connect.mastodon.titleAgain') : t('connect.mastodon.title')}
                </Title>
                <Text size="sm">{t('connect.mastodon.intro')}</Text>
                <ConnectMastodonForm
                  key={mastodon?.at ?? 'new'}
                  libraryId={libraryId}
                  prefill={mastodon && { instanceUrl: mastodonInstance(mastodon.channel) }}
                />
              </Stack>
            </Paper>
            <ConnectMeta libraryId={libraryId} />
          </SimpleGrid>
          <PracticeChannel libraryId={libraryId} channels={channels.data ?? []} />
        </Stack>
      )}
    </Stack>
  )
}

/** Övningskanalen is turned on, not signed in to: one per library, seen only by members. */
function PracticeChannel({ libraryId, channels }: { libraryId: string; channels: Channel[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const enable = useMutation({
    mutationFn: () => enablePractice(libraryId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQuery(libraryId).queryKey }),
  })
  if (channels.some((c) => c.network === 'practice')) return null
  return (
    <Paper withBorder p="lg" radius="lg" id="connect-practice">
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h4">
          {t('path.overview.enable')}
        </Title>
        <Text size="sm">{t('practice.channelIntro')}</Text>
        <Button onClick={() => enable.mutate()} loading={enable.isPending}>
          {t('practice.enableButton')}
        </Button>
        {enable.error && <ErrorAlert error={enable.error} />}
      </Stack>
    </Paper>
  )
}

/** What came of the round trip to a Mastodon server's sign-in page (?ansluten= / ?mastodon=fel). */
function MastodonReturn() {
  const { t, i18n } = useTranslation()
  const params = new URLSearchParams(window.location.search)
  if (params.get('ansluten') === 'mastodon') {
    return (
      <Alert color="green" role="status">
        {t('connect.mastodon.connectedBack')}
      </Alert>
    )
  }
  if (params.get('mastodon') === 'fel') {
    return (
      <Alert color="red" role="alert" title={t('connect.mastodon.failedBack')}>
        {channelErrorMessage(
          params.get('orsak'),
          (i18n.language === 'en' ? 'en' : 'sv') as Locale,
          'mastodon',
        )}
      </Alert>
    )
  }
  return null
}

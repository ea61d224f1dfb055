import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { httpsUrl } from '../../../core/https-url.js'
import type { Post, Publication } from '../../../core/schemas/index.js'
import { pollInterval } from '../../api/posts.js'
import { networkName, atHandle, useChannelError } from '../../components/network.js'
import { publicationStateKey, publicationTone, retrying } from '../../components/post-status.js'
import { StatusLabel } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import type { TFunction } from 'i18next'

const HIDDEN: Publication['state'][] = ['draft', 'cancelled']

/** Where the post stands on each channel, kept fresh while something is on its way. */
export function PublicationStatus({ post, timeZone }: { post: Post; timeZone: string }) {
  const { t } = useTranslation()
  const publications = post.publications.filter((p) => !HIDDEN.includes(p.state))
  const polling = pollInterval([post]) === 3_000
  const summary = publications
    .map((p) => `${networkName(p.network)} ${atHandle(p.channelHandle)}: ${stateText(t, p)}`)
    .join('. ')

  // Read out what changed while the page was open (not what was there when it opened).
  const first = useRef(summary)
  const [spoken, setSpoken] = useState('')
  useEffect(() => {
    if (summary !== first.current) setSpoken(summary)
  }, [summary])

  if (publications.length === 0) return null
  return (
    <Stack gap="sm" component="section" aria-labelledby="status-heading">
      <Title order={2} size="h4" id="status-heading">
        {t('status.title')}
      </Title>
      {publications.map((publication) => (
        <PublicationRow key={publication.id} publication={publication} timeZone={timeZone} />
      ))}
      {polling && (
        <Text size="sm" c="dimmed">
          {t('status.polling')}
        </Text>
      )}
      <div aria-live="polite" className="visually-hidden">
        {spoken}
      </div>
    </Stack>
  )
}

function stateText(t: TFunction, publication: Publication): string {
  return t(publicationStateKey(publication))
}

function PublicationRow({ publication, timeZone }: { publication: Publication; timeZone: string }) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const channelError = useChannelError()
  const network = networkName(publication.network)
  // Only an https address from the network becomes a link.
  const postUrl = httpsUrl(publication.url)
  const { state } = publication

  const when =
    state === 'published' && publication.publishedAt
      ? t('status.publishedAt', { when: format.dateTime(publication.publishedAt) })
      : state === 'pending'
        ? retrying(publication)
          ? t('status.retryAt', { when: format.dateTime(publication.dueAt) })
          : t('status.dueAt', { when: format.dateTime(publication.dueAt) })
        : undefined

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="sm" align="flex-start">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {network} {atHandle(publication.channelHandle)}
          </Text>
          <StatusLabel tone={publicationTone(publication)}>{stateText(t, publication)}</StatusLabel>
        </Group>
        {when && <Text size="sm">{when}</Text>}
        {publication.stuck && <Text size="sm">{t('status.stuckHelp')}</Text>}
        {state === 'unknown' && <Text size="sm">{t('status.unknownHelp')}</Text>}
        {retrying(publication) && (
          <Text size="sm">{channelError(publication.errorCode, publication.network)}</Text>
        )}
        {state === 'failed' && (
          <Stack gap={2}>
            <Text size="sm" fw={600} c="red.8">
              {channelError(publication.errorCode, publication.network)}
            </Text>
            {publication.errorMessage && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('status.networkSaid', { message: publication.errorMessage })}
              </Text>
            )}
          </Stack>
        )}
        {publication.attempts > 1 && (
          <Text size="sm" c="dimmed">
            {t('status.attempts', { count: publication.attempts })}
          </Text>
        )}
        {state === 'published' && postUrl && (
          <Anchor href={postUrl} size="sm" style={{ alignSelf: 'flex-start' }}>
            {t('status.viewOn', { network })}
          </Anchor>
        )}
      </Stack>
    </Paper>
  )
}

import { Alert, Button, Checkbox, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { channelErrorMessage } from '../../../core/channel-errors.js'
import type { Locale } from '../../../core/locale.js'
import { connectMetaPage, metaPages, metaStatusQuery, startMetaSignIn } from '../../api/channels.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'

/** Sends the person to Meta's consent page; they come back to Kanaler. One click, also to reconnect. */
export function useMetaSignIn(libraryId: string) {
  return useMutation({
    mutationFn: (kind: 'facebook' | 'threads') => startMetaSignIn(libraryId, kind),
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  })
}

export function ConnectMeta({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const status = useQuery(metaStatusQuery(libraryId))
  const signIn = useMetaSignIn(libraryId)
  return (
    <Paper withBorder p="lg" radius="lg" id="connect-meta">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('meta.title')}
        </Title>
        <Text size="sm">{t('meta.intro')}</Text>
        {status.data && !status.data.facebook && !status.data.threads && (
          <Alert role="note" color="gray">
            {t('meta.notConfigured')}
          </Alert>
        )}
        {status.data?.unreachable && (
          <Alert role="note" color="orange">
            {t('meta.unreachable')}
          </Alert>
        )}
        <ErrorAlert error={signIn.error} />
        <Group gap="xs">
          {status.data?.facebook && (
            <Button loading={signIn.isPending} onClick={() => signIn.mutate('facebook')}>
              {t('meta.connectFacebook')}
            </Button>
          )}
          {status.data?.threads && !status.data.unreachable && (
            <Button
              variant="default"
              loading={signIn.isPending}
              onClick={() => signIn.mutate('threads')}
            >
              {t('meta.connectThreads')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}

/** What came back from Meta's consent page: a Page to choose, a cancellation or a refusal. */
export function MetaReturn({ libraryId }: { libraryId: string }) {
  const { t, i18n } = useTranslation()
  const params = new URLSearchParams(window.location.search)
  const selection = new URLSearchParams(window.location.hash.slice(1)).get('urval')
  if (params.get('meta') === 'valj' && selection)
    return <PickPage libraryId={libraryId} selection={selection} />
  if (params.get('meta') === 'avbrutet')
    return (
      <Alert role="status" color="gray">
        {t('meta.cancelled')}
      </Alert>
    )
  if (params.get('ansluten') === 'threads')
    return (
      <Alert role="status" color="green">
        {t('meta.connectedBack')}
      </Alert>
    )
  if (params.get('meta') === 'fel')
    return (
      <Alert color="red" role="alert" title={t('meta.failed')}>
        {channelErrorMessage(params.get('orsak'), (i18n.language === 'en' ? 'en' : 'sv') as Locale)}
      </Alert>
    )
  return null
}

function PickPage({ libraryId, selection }: { libraryId: string; selection: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const pages = useQuery({
    queryKey: ['library', libraryId, 'meta-pages', selection],
    queryFn: () => metaPages(libraryId, selection),
    staleTime: Infinity,
  })
  // Instagram fetches images from Torget's address; Facebook takes them as uploads.
  const unreachable = useQuery(metaStatusQuery(libraryId)).data?.unreachable ?? false
  const [pageId, setPageId] = useState<string>()
  const [facebook, setFacebook] = useState(true)
  const [instagram, setInstagram] = useState(true)
  const chosen = pages.data?.find((p) => p.pageId === (pageId ?? pages.data?.[0]?.pageId))
  const connect = useMutation({
    mutationFn: () =>
      connectMetaPage(libraryId, {
        selection,
        pageId: chosen!.pageId,
        facebook,
        instagram: instagram && Boolean(chosen?.instagram) && !unreachable,
      }),
    onSuccess: async () => {
      window.history.replaceState(null, '', window.location.pathname)
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(t('meta.connectedBack'))
    },
  })
  if (connect.isSuccess) return null
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="meta-pick-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="meta-pick-heading">
          {t('meta.pickTitle')}
        </Title>
        <Text size="sm">{t('meta.pickIntro')}</Text>
        <ErrorAlert error={pages.error ?? connect.error} />
        {pages.data && (
          <Radio.Group label={t('meta.page')} value={chosen?.pageId ?? ''} onChange={setPageId}>
            <Stack gap="xs" mt="xs">
              {pages.data.map((p) => (
                <Radio key={p.pageId} value={p.pageId} label={p.name} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {chosen && (
          <Stack gap="xs">
            <Checkbox
              label={t('meta.useFacebook')}
              checked={facebook}
              onChange={(e) => setFacebook(e.currentTarget.checked)}
            />
            {chosen.instagram && unreachable ? (
              <Alert role="note" color="orange">
                {t('meta.instagramUnreachable')}
              </Alert>
            ) : chosen.instagram ? (
              <Checkbox
                label={t('meta.useInstagram', {
                  username: `@${chosen.instagram.username ?? chosen.instagram.id}`,
                })}
                checked={instagram}
                onChange={(e) => setInstagram(e.currentTarget.checked)}
              />
            ) : (
              <Alert role="note" color="orange">
                {t('meta.noInstagram')}
              </Alert>
            )}
            {!facebook && !(instagram && chosen.instagram && !unreachable) && (
              <Text size="sm" role="status">
                {t('meta.chooseSomething')}
              </Text>
            )}
            <Group>
              <Button
                loading={connect.isPending}
                disabled={!facebook && !(instagram && chosen.instagram && !unreachable)}
                onClick={() => connect.mutate()}
              >
                {t('meta.connectChosen')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  )
}

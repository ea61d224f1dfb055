import { Button, Code, Group, List, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { connectMastodon, startMastodonSignIn } from '../../api/channels.js'
import { fieldErrors } from '../../api/client.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { focusFirstInvalid, problems, type FieldErrors } from '../../components/form.js'
import { atHandle } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { PasswordField } from '../../components/password-field.js'

/** What Torget asks of the token: read the account and its posts, write posts and images. */
export const MASTODON_SCOPES = [
  'read:accounts',
  'read:statuses',
  'read:notifications',
  'write:statuses',
  'write:media',
  'write:blocks',
  'write:mutes',
]

type Field = 'instanceUrl' | 'accessToken'

type Props = {
  libraryId: string
  prefill?: { instanceUrl: string }
}

export function ConnectMastodonForm({ libraryId, prefill }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const tokenRef = useRef<HTMLInputElement>(null)
  const [instanceUrl, setInstanceUrl] = useState(prefill?.instanceUrl ?? '')
  const [accessToken, setAccessToken] = useState('')
  const [errors, setErrors] = useState<FieldErrors<Field>>({})

  // Reconnecting: the account is known, so the secret is what to type next. Once, on opening.
  const reconnecting = useRef(Boolean(prefill))
  useEffect(() => {
    if (reconnecting.current) tokenRef.current?.focus()
  }, [])

  const mutation = useMutation({
    mutationFn: () =>
      connectMastodon(libraryId, {
        instanceUrl: instanceUrl.trim(),
        accessToken: accessToken.trim(),
      }),
    onSuccess: async (channel) => {
      setAccessToken('')
      setInstanceUrl('')
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(t('connect.connected', { handle: atHandle(channel.handle), network: 'Mastodon' }))
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)
  const signIn = useMutation({
    mutationFn: () => startMastodonSignIn(libraryId, instanceUrl.trim()),
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  })
  const onSignIn = () => {
    const found = problems<Field>({
      instanceUrl:
        instanceUrl.trim().length >= 3 ? undefined : t('connect.mastodon.instanceMissing'),
      accessToken: undefined,
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    signIn.mutate()
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = problems<Field>({
      instanceUrl:
        instanceUrl.trim().length >= 3 ? undefined : t('connect.mastodon.instanceMissing'),
      accessToken: accessToken.trim().length >= 10 ? undefined : t('connect.mastodon.tokenMissing'),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    mutation.mutate()
  }

  return (
    <Stack gap="sm">
      <Text size="sm">{t('connect.mastodon.oauthHint')}</Text>
      <Group>
        <Button type="button" onClick={onSignIn} loading={signIn.isPending}>
          {t('connect.mastodon.oauth')}
        </Button>
      </Group>
      <ErrorAlert error={signIn.error} />
      <Text size="sm">{t('connect.mastodon.orToken')}</Text>
      <Text size="sm" fw={600} id="mastodon-howto">
        {t('connect.mastodon.howTo')}
      </Text>
      <List type="ordered" size="sm" spacing={4} aria-labelledby="mastodon-howto">
        <List.Item>{t('connect.mastodon.step1')}</List.Item>
        <List.Item>{t('connect.mastodon.step2')}</List.Item>
        <List.Item>
          {t('connect.mastodon.step3')}{' '}
          {MASTODON_SCOPES.map((scope, i) => (
            <span key={scope}>
              {i > 0 && ' '}
              <Code>{scope}</Code>
            </span>
          ))}
          {'. '}
          {t('connect.mastodon.step3b')}
        </List.Item>
        <List.Item>{t('connect.mastodon.step4')}</List.Item>
      </List>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="connect-mastodon-heading">
        <Stack gap="sm">
          <TextInput
            label={t('connect.mastodon.instance')}
            description={t('connect.mastodon.instanceHint')}
            value={instanceUrl}
            onChange={(event) => setInstanceUrl(event.currentTarget.value)}
            error={errors.instanceUrl ?? server.instanceUrl}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <PasswordField
            ref={tokenRef}
            label={t('connect.mastodon.token')}
            description={t('connect.mastodon.tokenHint')}
            value={accessToken}
            onChange={(event) => setAccessToken(event.currentTarget.value)}
            error={errors.accessToken ?? server.accessToken}
            autoComplete="off"
            required
          />
          <ErrorAlert error={mutation.error} />
          <Group>
            <Button type="submit" variant="default" loading={mutation.isPending}>
              {t('connect.mastodon.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  )
}

import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { connectBluesky } from '../../api/channels.js'
import { fieldErrors } from '../../api/client.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { focusFirstInvalid, problems, type FieldErrors } from '../../components/form.js'
import { atHandle } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { PasswordField } from '../../components/password-field.js'

const APP_PASSWORDS_URL = 'https://bsky.app/settings/app-passwords'
const DEFAULT_SERVICE = 'https://bsky.social'

type Field = 'identifier' | 'appPassword' | 'service'

type Props = {
  libraryId: string
  /** Set when reconnecting: the account is filled in, the password is asked for. */
  prefill?: { identifier: string; service?: string | undefined }
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

export function ConnectBlueskyForm({ libraryId, prefill }: Props) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)
  const [identifier, setIdentifier] = useState(prefill?.identifier ?? '')
  const [appPassword, setAppPassword] = useState('')
  const [service, setService] = useState(prefill?.service ?? '')
  const [advanced, setAdvanced] = useState(Boolean(prefill?.service))
  const [errors, setErrors] = useState<FieldErrors<Field>>({})

  // Reconnecting: the account is known, so the secret is what to type next. Once, on opening.
  const reconnecting = useRef(Boolean(prefill))
  useEffect(() => {
    if (reconnecting.current) passwordRef.current?.focus()
  }, [])

  const mutation = useMutation({
    mutationFn: () =>
      connectBluesky(libraryId, {
        identifier: identifier.trim().replace(/^@/, ''),
        appPassword: appPassword.trim(),
        ...(service.trim() && { service: service.trim() }),
      }),
    onSuccess: async (channel) => {
      setAppPassword('')
      setIdentifier('')
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(t('connect.connected', { handle: atHandle(channel.handle), network: 'Bluesky' }))
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = problems<Field>({
      identifier:
        identifier.trim().length >= 3 ? undefined : t('connect.bluesky.identifierMissing'),
      appPassword:
        appPassword.trim().length >= 4 ? undefined : t('connect.bluesky.passwordMissing'),
      service:
        !service.trim() || isWebAddress(service.trim()) ? undefined : t('connect.serviceInvalid'),
    })
    setErrors(found)
    if (found.service) setAdvanced(true)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    mutation.mutate()
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="connect-bluesky-heading">
      <Stack gap="sm">
        <TextInput
          label={t('connect.bluesky.identifier')}
          description={t('connect.bluesky.identifierHint')}
          value={identifier}
          onChange={(event) => setIdentifier(event.currentTarget.value)}
          error={errors.identifier ?? server.identifier}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <PasswordField
          ref={passwordRef}
          label={t('connect.bluesky.appPassword')}
          description={t('connect.bluesky.appPasswordHint')}
          value={appPassword}
          onChange={(event) => setAppPassword(event.currentTarget.value)}
          error={errors.appPassword ?? server.appPassword}
          autoComplete="off"
          required
        />
        <Text size="sm">
          <Anchor href={APP_PASSWORDS_URL}>{t('connect.bluesky.appPasswordLink')}</Anchor>
        </Text>
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            px={0}
            aria-expanded={advanced}
            aria-controls="bluesky-advanced"
            onClick={() => setAdvanced((open) => !open)}
          >
            {advanced ? t('connect.advancedHide') : t('connect.advanced')}
          </Button>
          <div id="bluesky-advanced">
            {advanced && (
              <TextInput
                mt="xs"
                label={t('connect.bluesky.service')}
                description={t('connect.bluesky.serviceHint', { address: DEFAULT_SERVICE })}
                placeholder={DEFAULT_SERVICE}
                value={service}
                onChange={(event) => setService(event.currentTarget.value)}
                error={errors.service ?? server.service}
                type="url"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </div>
        </div>
        <ErrorAlert error={mutation.error} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('connect.bluesky.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

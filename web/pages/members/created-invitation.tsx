import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedInvitation } from '../../api/members.js'
import { useFormat } from '../../i18n/format.js'

type Props = { invitation: CreatedInvitation; timeZone: string; onDone: () => void }

/** The one moment the link is visible: show it, help copy it, say how long it lasts. */
export function CreatedInvitationNotice({ invitation, timeZone, onDone }: Props) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const inputRef = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'manual' | undefined>()

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url)
      setCopied('yes')
    } catch {
      // No clipboard access (e.g. plain http): select the text so Ctrl+C works.
      inputRef.current?.select()
      setCopied('manual')
    }
  }

  return (
    <Alert color="torget" variant="light" role="status" title={t('invite.createdTitle')}>
      <Stack gap="sm">
        <Text size="sm">
          {t('invite.createdBody', {
            role: format.role(invitation.role),
            date: format.dateTime(invitation.expiresAt),
          })}
        </Text>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            ref={inputRef}
            label={t('invite.link')}
            value={invitation.url}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1 }}
          />
          <Button onClick={() => void copy()}>{t('invite.copy')}</Button>
        </Group>
        <Text size="sm" aria-live="polite">
          {copied === 'yes' && t('invite.copied')}
          {copied === 'manual' && t('invite.copyManually')}
        </Text>
        {invitation.emailQueued && invitation.email && (
          <Text size="sm">{t('invite.emailQueued', { email: invitation.email })}</Text>
        )}
        <Text size="sm" fw={600}>
          {t('invite.onlyOnce')}
        </Text>
        <Group>
          <Button variant="default" onClick={onDone}>
            {t('invite.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}

import { Checkbox, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { notificationSettingsQuery, updateNotificationSettings } from '../api/notifications.js'
import { ErrorAlert } from './error-alert.js'
import { notify } from './notify.js'

/** The account's choice of a daily e-mail with unread notifications. */
export function DigestSetting() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const settings = useQuery(notificationSettingsQuery)
  const change = useMutation({
    mutationFn: updateNotificationSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(notificationSettingsQuery.queryKey, next)
      notify(t(next.dailyDigest ? 'approval.digest.turnedOn' : 'approval.digest.turnedOff'))
    },
  })

  // Follows the click at once: the mutation's pending state arrives a tick later, and the
  // controlled checkbox would spring back meanwhile (as the inbox rules' switch did).
  const [chosen, setChosen] = useState<boolean | null>(null)

  return (
    <Paper withBorder p="xl" radius="lg" component="section" aria-labelledby="digest-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="digest-heading">
          {t('approval.digest.heading')}
        </Title>
        <Text size="sm" className="prose">
          {t('approval.digest.intro')}
        </Text>
        {settings.data && (
          <Checkbox
            label={t('approval.digest.label')}
            description={
              settings.data.emailAvailable
                ? t('approval.digest.hint')
                : t('approval.digest.noEmail')
            }
            checked={chosen ?? settings.data.dailyDigest}
            onChange={(event) => {
              const next = event.currentTarget.checked
              setChosen(next)
              change.mutate(next, { onSettled: () => setChosen(null) })
            }}
          />
        )}
        <ErrorAlert error={settings.error ?? change.error} />
      </Stack>
    </Paper>
  )
}

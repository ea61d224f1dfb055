import { Alert, Button, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useErrorMessage } from '../../components/error-alert.js'

/**
 * Someone else saved (or scheduled) the post meanwhile. Nothing was
 * overwritten; the person decides when to load the newer version.
 */
export function ConflictAlert({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation()
  const message = useErrorMessage()
  return (
    <Alert color="red" variant="light" role="alert" title={t('conflict.title')}>
      <Stack gap="sm">
        <Text size="sm">{message(error)}</Text>
        <Text size="sm">{t('conflict.keepYours')}</Text>
        <div>
          <Button onClick={onReload}>{t('conflict.reload')}</Button>
        </div>
      </Stack>
    </Alert>
  )
}

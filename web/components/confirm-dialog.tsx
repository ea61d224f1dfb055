import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from './error-alert.js'

type Props = {
  opened: boolean
  title: string
  body: string
  confirmLabel: string
  /** Red for what cannot be undone; the primary colour for a weighty but wanted step (publish). */
  confirmColor?: 'red' | 'torget'
  onConfirm: () => void
  onClose: () => void
  pending?: boolean
  error?: unknown
  /** Where focus goes when the button that opened the dialog is gone (e.g. its row was removed). */
  fallbackFocus?: () => HTMLElement | null
}

/** Asks once before something that cannot be undone. */
export function ConfirmDialog(props: Props) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      centered
      // Inside <main>: a portal at the end of <body> would add a second banner (the modal's header).
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      onExitTransitionEnd={() => {
        if (document.activeElement === document.body) props.fallbackFocus?.()?.focus()
      }}
    >
      <Stack gap="md">
        <Text>{props.body}</Text>
        <ErrorAlert error={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={props.confirmColor ?? 'red'}
            onClick={props.onConfirm}
            loading={props.pending}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

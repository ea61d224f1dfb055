import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ModerationAction } from '../../../core/channels/networks.js'
import { MODERATION_REASONS } from '../../../core/inbox/moderation-reasons.js'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { moderateInboxItem, refreshInboxItem } from '../../api/inbox.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { MAIN_ID } from '../../components/skip-link.js'
import { networkName } from '../../components/network.js'
import { notify } from '../../components/notify.js'

type Props = { libraryId: string; detail: InboxItemDetail; opened: boolean; onClose: () => void }

/** A reason category's name in the reader's language; the id itself if it is not known. */
export function useReasonLabel(): (id: string) => string {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  return (id) => {
    const reason = MODERATION_REASONS.find((r) => r.id === id)
    if (!reason) return id
    return reason.fromLaw
      ? t('inbox.moderation.fromLaw', { label: reason.label[locale] })
      : reason.label[locale]
  }
}

/**
 * Hide, detach, block or mute, as far as the item's network allows; with a
 * category and a reason in words, kept with the item (the library must be
 * able to say why it removed something).
 */
export function ModerationDialog({ libraryId, detail, opened, onClose }: Props) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const queryClient = useQueryClient()
  const reasonLabel = useReasonLabel()
  const actions = detail.moderationActions
  const [action, setAction] = useState<ModerationAction | ''>(actions[0] ?? '')
  const [category, setCategory] = useState('')
  const [reason, setReason] = useState('')
  const [problems, setProblems] = useState<{ category?: string; reason?: string }>({})
  const network = networkName(detail.item.channel.network)
  const chosen = MODERATION_REASONS.find((r) => r.id === category)
  const moderate = useMutation({
    mutationFn: () =>
      moderateInboxItem(libraryId, detail.item.id, {
        action: action as ModerationAction,
        reasonCategory: category,
        reason: reason.trim(),
      }),
    onSuccess: () => {
      notify(t('inbox.moderation.sent', { network }))
      setCategory('')
      setReason('')
      onClose()
    },
    onSettled: () => refreshInboxItem(queryClient, libraryId, detail.item.id),
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = {
      ...(!category && { category: t('inbox.moderation.categoryRequired') }),
      ...(reason.trim().length < 3 && { reason: t('inbox.moderation.reasonRequired') }),
    }
    setProblems(found)
    if (found.category) return document.getElementById('moderation-category')?.focus()
    if (found.reason) return document.getElementById('moderation-reason')?.focus()
    moderate.mutate()
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('inbox.moderation.dialogTitle')}
      centered
      size="lg"
      // Into <main>, not <body> (a second banner), nor beside the button: the grid's columns
      // would hold a fixed dialog off-screen.
      portalProps={{ target: `#${MAIN_ID}` }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" className="prose">
            {t('inbox.moderation.intro')}
          </Text>
          <NativeSelect
            label={t('inbox.moderation.action')}
            value={action}
            onChange={(e) => setAction(e.currentTarget.value as ModerationAction)}
            data={actions.map((a) => ({ value: a, label: t(`inbox.moderation.actions.${a}`) }))}
            required
          />
          <NativeSelect
            id="moderation-category"
            label={t('inbox.moderation.category')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            description={chosen?.hint[locale]}
            error={problems.category}
            data={[
              { value: '', label: t('inbox.moderation.categoryPick') },
              ...MODERATION_REASONS.map((r) => ({ value: r.id, label: reasonLabel(r.id) })),
            ]}
            required
          />
          <Textarea
            id="moderation-reason"
            label={t('inbox.moderation.reason')}
            description={t('inbox.moderation.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problems.reason}
            autosize
            minRows={3}
            maxLength={2000}
            required
          />
          <ErrorAlert error={moderate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={moderate.isPending}>
              {t('inbox.moderation.submit', { network })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

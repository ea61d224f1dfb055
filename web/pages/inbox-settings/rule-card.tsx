import { Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxRule } from '../../../core/inbox/rule-schema.js'
import { deleteRule, inboxSettingsKey, updateRule } from '../../api/inbox-settings.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { MoveButtons } from './move-buttons.js'
import { useRuleNames } from './rule-names.js'

/** One rule in words, with its switch and the buttons to change, move or remove it. */
export function RuleCard(props: {
  libraryId: string
  rule: InboxRule
  position: number
  first: boolean
  last: boolean
  onMove: (step: -1 | 1) => void
  onEdit: () => void
}) {
  const { t } = useTranslation()
  const { rule, libraryId } = props
  const { explain } = useRuleNames(libraryId)
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const changed = () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) })
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => {
      const { id: _id, ...whole } = rule
      return updateRule(libraryId, rule.id, { ...whole, enabled })
    },
    onSettled: changed,
  })
  const remove = useMutation({
    mutationFn: () => deleteRule(libraryId, rule.id),
    onSuccess: async () => {
      setConfirming(false)
      notify(t('inboxSettings.rules.removed', { name: rule.name }))
      await changed()
    },
  })
  // The switch follows the click at once (a mutation's pending state arrives a tick later, and
  // a controlled switch would spring back meanwhile) until the saved rule is read back.
  const [switched, setSwitched] = useState<boolean | null>(null)
  const enabled = switched ?? rule.enabled

  return (
    <Paper withBorder p="md" radius="md" bg={enabled ? undefined : 'gray.0'}>
      <Stack gap="xs">
        <Group justify="space-between" gap="sm" align="flex-start">
          <Title order={3} size="h5">
            {t('inboxSettings.rules.numbered', { position: props.position, name: rule.name })}
          </Title>
          <Switch
            label={
              <>
                {t('inboxSettings.rules.on')}
                <span className="visually-hidden"> – {rule.name}</span>
              </>
            }
            checked={enabled}
            onChange={(event) => {
              const next = event.currentTarget.checked
              setSwitched(next)
              toggle.mutate(next, { onSettled: () => setSwitched(null) })
            }}
          />
        </Group>
        <Text className="prose">{explain(rule)}</Text>
        <Text size="sm" c="dark.4">
          {t(enabled ? 'inboxSettings.rules.isOn' : 'inboxSettings.rules.isOff', {
            name: rule.name,
          })}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={props.onEdit}>
            {t('inboxSettings.change')}
            <span className="visually-hidden"> – {rule.name}</span>
          </Button>
          <MoveButtons
            id={rule.id}
            name={rule.name}
            first={props.first}
            last={props.last}
            onMove={props.onMove}
          />
          <Button size="xs" color="red" variant="outline" onClick={() => setConfirming(true)}>
            {t('inboxSettings.remove')}
            <span className="visually-hidden"> – {rule.name}</span>
          </Button>
        </Group>
        <ErrorAlert error={toggle.error} />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('inboxSettings.rules.removeTitle', { name: rule.name })}
        body={t('inboxSettings.rules.removeBody')}
        confirmLabel={t('inboxSettings.rules.removeConfirm')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Paper>
  )
}

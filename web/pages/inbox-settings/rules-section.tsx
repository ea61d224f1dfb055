import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type InboxRule, MAX_RULES } from '../../../core/inbox/rule-schema.js'
import { inboxRulesQuery, inboxSettingsKey, moved, reorderRules } from '../../api/inbox-settings.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { Loading } from '../../components/route-states.js'
import { focusMoved } from './move-buttons.js'
import { RuleCard } from './rule-card.js'
import { RuleForm } from './rule-form.js'

/** Automatiska regler: what Torget does by itself with a new message, first rule first. */
export function RulesSection({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const rules = useQuery(inboxRulesQuery(libraryId))
  const [editing, setEditing] = useState<string | 'new' | null>(null)
  const newButton = useRef<HTMLButtonElement>(null)
  const reorder = useMutation({
    mutationFn: (order: InboxRule[]) =>
      reorderRules(
        libraryId,
        order.map((rule) => rule.id),
      ),
    onMutate: (order) => queryClient.setQueryData(inboxRulesQuery(libraryId).queryKey, order),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxSettingsKey(libraryId) }),
  })
  const move = (id: string, step: -1 | 1) => {
    // One move at a time: the next is worked out from the order the server kept.
    if (!rules.data || reorder.isPending) return
    reorder.mutate(moved(rules.data, id, step))
    focusMoved(id, step)
  }
  const done = () => {
    setEditing(null)
    requestAnimationFrame(() => newButton.current?.focus())
  }
  const full = (rules.data?.length ?? 0) >= MAX_RULES

  return (
    <Stack gap="sm" component="section" aria-labelledby="rules-heading">
      <Title order={2} size="h3" id="rules-heading">
        {t('inboxSettings.rules.title')}
      </Title>
      <Text className="prose">{t('inboxSettings.rules.intro')}</Text>
      {editing === 'new' ? (
        <Paper
          withBorder
          p="lg"
          radius="lg"
          component="section"
          aria-label={t('inboxSettings.rules.newTitle')}
        >
          <Title order={3} size="h4" mb="sm">
            {t('inboxSettings.rules.newTitle')}
          </Title>
          <RuleForm libraryId={libraryId} onDone={done} />
        </Paper>
      ) : (
        <Group>
          <Button ref={newButton} onClick={() => setEditing('new')} disabled={full}>
            {t('inboxSettings.rules.new')}
          </Button>
          {full && <Text size="sm">{t('inboxSettings.rules.full', { max: MAX_RULES })}</Text>}
        </Group>
      )}
      <ErrorAlert error={reorder.error} />
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} />
      ) : rules.data.length === 0 ? (
        <Text>{t('inboxSettings.rules.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ol" className="plain-list" aria-labelledby="rules-heading">
          {rules.data.map((rule, index) =>
            editing === rule.id ? (
              <li key={rule.id}>
                <Paper withBorder p="lg" radius="lg">
                  <Title order={3} size="h4" mb="sm">
                    {t('inboxSettings.rules.editTitle', { name: rule.name })}
                  </Title>
                  <RuleForm libraryId={libraryId} rule={rule} onDone={done} />
                </Paper>
              </li>
            ) : (
              <li key={rule.id}>
                <RuleCard
                  libraryId={libraryId}
                  rule={rule}
                  position={index + 1}
                  first={index === 0}
                  last={index === rules.data.length - 1}
                  onMove={(step) => move(rule.id, step)}
                  onEdit={() => setEditing(rule.id)}
                />
              </li>
            ),
          )}
        </Stack>
      )}
    </Stack>
  )
}

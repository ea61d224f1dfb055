import { Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RULE_ACTION_TYPES, type RuleActionType } from '../../../core/inbox/rule-schema.js'
import type { InboxTag } from '../../api/inbox-settings.js'
import { type ActionDraft, newAction } from './rule-draft.js'
import { PART_LEGEND } from './rule-conditions.js'

export type Assignable = { id: string; name: string }

/** The "then" half of a rule: what Torget does, in this order. */
export function RuleActions({
  actions,
  onChange,
  tags,
  members,
  problems,
  error,
}: {
  actions: ActionDraft[]
  onChange: (next: ActionDraft[]) => void
  tags: InboxTag[]
  members: Assignable[]
  problems: Record<number, string>
  error?: string
}) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState<RuleActionType>('tag')
  const replace = (next: ActionDraft) =>
    onChange(actions.map((a) => (a.key === next.key ? next : a)))
  return (
    <Fieldset legend={t('inboxSettings.rules.then')} variant="unstyled">
      <Stack gap="sm">
        <Text size="sm">{t('inboxSettings.rules.thenHint')}</Text>
        {actions.map((action) => (
          <Fieldset
            key={action.key}
            legend={t(`inboxSettings.rules.action.${action.type}`)}
            radius="md"
            styles={PART_LEGEND}
          >
            <Stack gap="xs">
              {action.type === 'tag' ? (
                <NativeSelect
                  label={t('inboxSettings.rules.whichTag')}
                  value={action.tagId}
                  onChange={(event) => replace({ ...action, tagId: event.currentTarget.value })}
                  data={[
                    { value: '', label: t('inboxSettings.rules.choose') },
                    ...tags.map((tag) => ({ value: tag.id, label: tag.name })),
                  ]}
                  w={280}
                  maw="100%"
                />
              ) : action.type === 'assign' ? (
                <NativeSelect
                  label={t('inboxSettings.rules.whichMember')}
                  value={action.memberId}
                  onChange={(event) => replace({ ...action, memberId: event.currentTarget.value })}
                  data={[
                    { value: '', label: t('inboxSettings.rules.choose') },
                    ...members.map((member) => ({ value: member.id, label: member.name })),
                  ]}
                  w={280}
                  maw="100%"
                />
              ) : (
                <Text size="sm">{t(`inboxSettings.rules.actionHint.${action.type}`)}</Text>
              )}
              {problems[action.key] && (
                <Text size="sm" c="red.8" role="alert">
                  {problems[action.key]}
                </Text>
              )}
              <Group>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(actions.filter((a) => a.key !== action.key))}
                >
                  {t('inboxSettings.rules.removeAction')}
                  <span className="visually-hidden">
                    {' '}
                    – {t(`inboxSettings.rules.action.${action.type}`)}
                  </span>
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        ))}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('inboxSettings.rules.addActionLabel')}
            value={adding}
            onChange={(event) => setAdding(event.currentTarget.value as RuleActionType)}
            data={RULE_ACTION_TYPES.map((type) => ({
              value: type,
              label: t(`inboxSettings.rules.action.${type}`),
            }))}
            w={320}
            maw="100%"
          />
          <Button variant="default" onClick={() => onChange([...actions, newAction(adding)])}>
            {t('inboxSettings.rules.addAction')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  )
}

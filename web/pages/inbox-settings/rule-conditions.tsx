import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { INBOX_KINDS, type InboxKind } from '../../../core/channels/networks.js'
import { RULE_CONDITION_TYPES, type RuleConditionType } from '../../../core/inbox/rule-schema.js'
import type { Channel } from '../../../core/schemas/index.js'
import { channelName } from '../../components/network.js'
import { type ConditionDraft, newCondition } from './rule-draft.js'

/** A condition's or action's own legend: a label, not a second heading. */
export const PART_LEGEND = { legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' } }

/** The "when" half of a rule: every condition must hold. */
export function RuleConditions({
  conditions,
  onChange,
  channels,
  problems,
  error,
}: {
  conditions: ConditionDraft[]
  onChange: (next: ConditionDraft[]) => void
  channels: Channel[]
  problems: Record<number, string>
  error?: string
}) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState<RuleConditionType>('words')
  const replace = (next: ConditionDraft) =>
    onChange(conditions.map((c) => (c.key === next.key ? next : c)))
  return (
    <Fieldset legend={t('inboxSettings.rules.when')} variant="unstyled">
      <Stack gap="sm">
        <Text size="sm">{t('inboxSettings.rules.whenHint')}</Text>
        {conditions.map((condition) => (
          <Fieldset
            key={condition.key}
            legend={t(`inboxSettings.rules.condition.${condition.type}`)}
            radius="md"
            styles={PART_LEGEND}
          >
            <Stack gap="xs">
              <ConditionFields condition={condition} onChange={replace} channels={channels} />
              {problems[condition.key] && (
                <Text size="sm" c="red.8" role="alert">
                  {problems[condition.key]}
                </Text>
              )}
              <Group>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(conditions.filter((c) => c.key !== condition.key))}
                >
                  {t('inboxSettings.rules.removeCondition')}
                  <span className="visually-hidden">
                    {' '}
                    – {t(`inboxSettings.rules.condition.${condition.type}`)}
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
            label={t('inboxSettings.rules.addConditionLabel')}
            value={adding}
            onChange={(event) => setAdding(event.currentTarget.value as RuleConditionType)}
            data={RULE_CONDITION_TYPES.map((type) => ({
              value: type,
              label: t(`inboxSettings.rules.condition.${type}`),
            }))}
            w={320}
            maw="100%"
          />
          <Button variant="default" onClick={() => onChange([...conditions, newCondition(adding)])}>
            {t('inboxSettings.rules.addCondition')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  )
}

function ConditionFields({
  condition,
  onChange,
  channels,
}: {
  condition: ConditionDraft
  onChange: (next: ConditionDraft) => void
  channels: Channel[]
}) {
  const { t } = useTranslation()
  const id = `condition-${condition.key}`
  switch (condition.type) {
    case 'words':
      return (
        <>
          <Textarea
            id={id}
            label={t('inboxSettings.rules.phrases')}
            description={t('inboxSettings.rules.phrasesHint')}
            value={condition.text}
            onChange={(event) => onChange({ ...condition, text: event.currentTarget.value })}
            autosize
            minRows={2}
          />
          <Checkbox
            label={t('inboxSettings.rules.exact')}
            checked={condition.exact}
            onChange={(event) => onChange({ ...condition, exact: event.currentTarget.checked })}
          />
        </>
      )
    case 'kind':
      return (
        <Checkbox.Group
          label={t('inboxSettings.rules.kinds')}
          value={condition.kinds}
          onChange={(kinds) => onChange({ ...condition, kinds: kinds as InboxKind[] })}
        >
          <Group gap="md" mt={4}>
            {INBOX_KINDS.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(`inboxSettings.kinds.${kind}`)} />
            ))}
          </Group>
        </Checkbox.Group>
      )
    case 'author_seen_before':
      return (
        <Radio.Group
          label={t('inboxSettings.rules.author')}
          value={condition.value ? 'yes' : 'no'}
          onChange={(value) => onChange({ ...condition, value: value === 'yes' })}
        >
          <Stack gap={4} mt={4}>
            <Radio value="no" label={t('inboxSettings.rules.firstTime')} />
            <Radio value="yes" label={t('inboxSettings.rules.seenBefore')} />
          </Stack>
        </Radio.Group>
      )
    case 'channel':
      return channels.length === 0 ? (
        <Text size="sm">{t('inboxSettings.rules.noChannels')}</Text>
      ) : (
        <Checkbox.Group
          label={t('inboxSettings.rules.channels')}
          value={condition.channelIds}
          onChange={(channelIds) => onChange({ ...condition, channelIds })}
        >
          <Stack gap={4} mt={4}>
            {channels.map((channel) => (
              <Checkbox key={channel.id} value={channel.id} label={channelName(channel)} />
            ))}
          </Stack>
        </Checkbox.Group>
      )
    case 'only_emoji':
    case 'only_mentions':
    case 'contains_link':
    case 'contains_email':
    case 'contains_personnummer':
      return <Text size="sm">{t(`inboxSettings.rules.conditionHint.${condition.type}`)}</Text>
  }
}

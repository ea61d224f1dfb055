import { Alert, Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxRule } from '../../../core/inbox/rule-schema.js'
import { createRule, inboxSettingsKey, updateRule } from '../../api/inbox-settings.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { focusFirstInvalid } from '../../components/form.js'
import { notify } from '../../components/notify.js'
import { RuleActions } from './rule-actions.js'
import { RuleConditions } from './rule-conditions.js'
import { draftOf, draftProblems, hasProblems, inputOf, type RuleDraft } from './rule-draft.js'
import { useRuleNames } from './rule-names.js'

/** Writes or changes a rule; what it will do is said in plain words as one fills it in. */
export function RuleForm(props: { libraryId: string; rule?: InboxRule; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useRef<HTMLFormElement>(null)
  const names = useRuleNames(props.libraryId)
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(props.rule))
  const [tried, setTried] = useState(false)
  const problems = draftProblems(t, draft)
  const shown = tried ? problems : { parts: {} }
  const save = useMutation({
    mutationFn: () => {
      const input = inputOf(draft)
      return props.rule
        ? updateRule(props.libraryId, props.rule.id, input)
        : createRule(props.libraryId, input)
    },
    onSuccess: async (rule) => {
      notify(t('inboxSettings.rules.saved', { name: rule.name }))
      await queryClient.invalidateQueries({ queryKey: inboxSettingsKey(props.libraryId) })
      props.onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (hasProblems(problems)) {
      focusFirstInvalid(form.current)
      return
    }
    save.mutate()
  }
  const complete = !hasProblems(problems)

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('inboxSettings.rules.name')}
          description={t('inboxSettings.rules.nameHint')}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
          error={shown.name}
          maxLength={80}
          required
          w={{ base: '100%', sm: 420 }}
        />
        <RuleConditions
          conditions={draft.conditions}
          onChange={(conditions) => setDraft({ ...draft, conditions })}
          channels={names.channels}
          problems={shown.parts}
          error={shown.conditions}
        />
        <RuleActions
          actions={draft.actions}
          onChange={(actions) => setDraft({ ...draft, actions })}
          tags={names.tags}
          members={names.assignable}
          problems={shown.parts}
          error={shown.actions}
        />
        <Switch
          label={t('inboxSettings.rules.enabledLabel')}
          checked={draft.enabled}
          onChange={(event) => setDraft({ ...draft, enabled: event.currentTarget.checked })}
        />
        <Alert role="note" variant="light" color="torget" title={t('inboxSettings.rules.preview')}>
          <Text size="sm" className="prose" data-testid="rule-preview">
            {complete ? names.explain(inputOf(draft)) : t('inboxSettings.rules.previewIncomplete')}
          </Text>
        </Alert>
        <ErrorAlert error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('inboxSettings.rules.save')}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

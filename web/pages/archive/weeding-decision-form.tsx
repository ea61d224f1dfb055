import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HeldBackReason } from '../../../core/schemas/archive-weeding.js'
import type {
  RetentionRuleView,
  WeedingDecisionView,
  WeedingInput,
  WeedingPreview,
} from '../../../core/schemas/archive-weeding.js'
import { archiveAdminKey, decideWeeding, previewWeeding } from '../../api/archive-admin.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { DateInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FormCard } from '../../components/form-card.js'
import { useAction } from '../../components/use-action.js'
import { useRetentionText } from './retention-rules-section.js'

/**
 * A weeding decision in two steps: first what it would remove and what stays
 * (held, requested, not yet expired, permanent), then the decision itself,
 * recorded with its diarienummer and the hash of every entry it removes.
 */
export function WeedingDecisionForm({
  libraryId,
  rules,
}: {
  libraryId: string
  rules: RetentionRuleView[]
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const retention = useRetentionText()
  const active = rules.filter((r) => !r.retiredAt)
  const [reference, setReference] = useState('')
  const [ruleIds, setRuleIds] = useState<string[]>([])
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [note, setNote] = useState('')
  const [preview, setPreview] = useState<WeedingPreview | null>(null)
  const [decided, setDecided] = useState<WeedingDecisionView | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [missing, setMissing] = useState<string[]>([])
  const { busy, error, problems, run } = useAction()
  const deciding = useAction()

  const input = (): WeedingInput => ({
    reference: reference.trim(),
    ruleIds,
    from,
    to,
    ...(note.trim() && { note: note.trim() }),
  })
  // A change to the form makes the preview stale: the decision is only taken on what was shown.
  const changed = () => {
    setPreview(null)
    setDecided(null)
  }

  const showPreview = () => {
    const absent = [
      !reference.trim() && 'reference',
      ruleIds.length === 0 && 'rules',
      !from && 'from',
      !to && 'to',
    ].filter((v): v is string => Boolean(v))
    setMissing(absent)
    if (absent.length) {
      document.getElementById(`weeding-${absent[0]}`)?.focus()
      return
    }
    void run(async () => {
      setPreview(await previewWeeding(libraryId, input()))
      setDecided(null)
    })
  }

  const decide = () =>
    void deciding.run(async () => {
      const decision = await decideWeeding(libraryId, input())
      await queryClient.invalidateQueries({ queryKey: archiveAdminKey(libraryId) })
      setDecided(decision)
      setPreview(null)
      setConfirming(false)
      setReference('')
      setNote('')
    })

  const reasons = new Map<HeldBackReason['type'], number>()
  for (const entry of preview?.heldBack ?? [])
    for (const reason of entry.reasons)
      reasons.set(reason.type, (reasons.get(reason.type) ?? 0) + 1)

  return (
    <FormCard
      labelId="new-decision"
      title={t('archive.weedingDecision.title')}
      onSubmit={showPreview}
    >
      <Text className="prose">{t('archive.weedingDecision.intro')}</Text>
      {active.length === 0 ? (
        <Text>{t('archive.weedingDecision.noRules')}</Text>
      ) : (
        <>
          <TextInput
            id="weeding-reference"
            label={t('archive.weedingDecision.reference')}
            description={t('archive.weedingDecision.referenceHint')}
            required
            value={reference}
            onChange={(e) => {
              setReference(e.currentTarget.value)
              changed()
            }}
            error={
              missing.includes('reference')
                ? t('archive.weedingDecision.referenceMissing')
                : problems.reference
            }
            maxLength={100}
            w={280}
            maw="100%"
          />
          <Checkbox.Group
            id="weeding-rules"
            label={t('archive.weedingDecision.rules')}
            value={ruleIds}
            onChange={(value) => {
              setRuleIds(value)
              changed()
            }}
            error={
              missing.includes('rules') ? t('archive.weedingDecision.rulesMissing') : undefined
            }
            withAsterisk
          >
            <Stack gap={6} mt={6}>
              {active.map((rule) => (
                <Checkbox
                  key={rule.id}
                  value={rule.id}
                  label={`${rule.name} (${retention(rule)})`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group align="flex-start" gap="md" wrap="wrap">
            <DateInput
              id="weeding-from"
              label={t('archive.weedingDecision.from')}
              value={from}
              onChange={(v) => {
                setFrom(v)
                changed()
              }}
              required
              error={
                missing.includes('from') ? t('archive.weedingDecision.dateMissing') : problems.from
              }
            />
            <DateInput
              id="weeding-to"
              label={t('archive.weedingDecision.to')}
              value={to}
              onChange={(v) => {
                setTo(v)
                changed()
              }}
              required
              error={
                missing.includes('to') ? t('archive.weedingDecision.dateMissing') : problems.to
              }
            />
          </Group>
          <Textarea
            id="weeding-note"
            label={t('archive.weedingDecision.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={2}
          />
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" variant={preview ? 'default' : 'filled'} loading={busy}>
              {t('archive.weedingDecision.preview')}
            </Button>
          </Group>
        </>
      )}
      {preview && (
        <Alert
          role="status"
          variant="light"
          color="gray"
          title={t('archive.weedingDecision.previewTitle')}
        >
          <Stack gap="xs">
            <Text>
              {t('archive.weedingDecision.wouldRemove', { count: preview.remove.length })}
            </Text>
            <Text>{t('archive.weedingDecision.heldBack', { count: preview.heldBack.length })}</Text>
            {reasons.size > 0 && (
              <List size="sm">
                {[...reasons].map(([type, count]) => (
                  <List.Item key={type}>
                    {t(`archive.weedingDecision.reason.${type}`, { count })}
                  </List.Item>
                ))}
              </List>
            )}
            {preview.remove.length > 0 && (
              <Group>
                <Button color="red" onClick={() => setConfirming(true)}>
                  {t('archive.weedingDecision.decide', { count: preview.remove.length })}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {decided && (
        <Alert role="status" variant="light" color="green">
          {t('archive.weedingDecision.done', {
            reference: decided.reference,
            count: decided.entryCount,
          })}
        </Alert>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('archive.weedingDecision.confirmTitle')}
        body={t('archive.weedingDecision.confirmBody', {
          count: preview?.remove.length ?? 0,
          reference: reference.trim(),
        })}
        confirmLabel={t('archive.weedingDecision.confirm')}
        onConfirm={decide}
        onClose={() => {
          setConfirming(false)
          deciding.clear()
        }}
        pending={deciding.busy}
        error={deciding.error}
        fallbackFocus={() => document.getElementById('new-decision')}
      />
    </FormCard>
  )
}

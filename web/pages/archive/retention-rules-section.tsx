import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RECORD_CLASSES, type RecordClass } from '../../../core/archive/entry.js'
import type { Channel } from '../../../core/schemas/index.js'
import type { RetentionRuleView } from '../../../core/schemas/archive-weeding.js'
import {
  archiveAdminKey,
  createRetentionRule,
  retentionRulesQuery,
  retireRetentionRule,
} from '../../api/archive-admin.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FormCard } from '../../components/form-card.js'
import { useAction } from '../../components/use-action.js'
import { channelName } from '../../components/network.js'
import { Loading } from '../../components/route-states.js'
import { ScrollTable } from '../../components/scroll-table.js'

type Unit = 'months' | 'years' | 'permanent'

/** How long a rule keeps what it covers, in words. */
export function useRetentionText() {
  const { t } = useTranslation()
  return (rule: Pick<RetentionRuleView, 'months' | 'permanent'>) =>
    rule.permanent || rule.months === null
      ? t('archive.weeding.permanent')
      : rule.months % 12 === 0
        ? t('archive.weeding.years', { count: rule.months / 12 })
        : t('archive.weeding.months', { count: rule.months })
}

/** Gallringsregler: what the library keeps for how long; the longest rule covering an item wins. */
export function RetentionRulesSection(props: {
  libraryId: string
  channels: Channel[]
  canManage: boolean
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const rules = useQuery(retentionRulesQuery(props.libraryId))
  const retention = useRetentionText()
  const [retiring, setRetiring] = useState<RetentionRuleView | null>(null)
  const retireAction = useAction()
  const channelOf = (id: string | null) => {
    const channel = props.channels.find((c) => c.id === id)
    return channel ? channelName(channel) : t('archive.weeding.allChannels')
  }
  const covers = (rule: RetentionRuleView) =>
    [
      channelOf(rule.channelId),
      rule.recordClass ? t(`archive.class.${rule.recordClass}`) : null,
      rule.kind ? t(`archive.kind.${rule.kind}`) : null,
    ]
      .filter(Boolean)
      .join(', ')

  const retire = () => {
    const chosen = retiring
    if (!chosen) return
    void retireAction.run(async () => {
      await retireRetentionRule(props.libraryId, chosen.id)
      await queryClient.invalidateQueries({ queryKey: archiveAdminKey(props.libraryId) })
      setRetiring(null)
    })
  }

  return (
    <section aria-labelledby="retention-rules">
      <Stack gap="sm">
        <Title order={2} size="h3" id="retention-rules">
          {t('archive.weeding.rulesTitle')}
        </Title>
        <Text className="prose">{t('archive.weeding.rulesIntro')}</Text>
        {rules.isPending && <Loading />}
        {rules.isError && <ErrorAlert error={rules.error} />}
        {rules.data?.length === 0 && <Text>{t('archive.weeding.noRules')}</Text>}
        {rules.data && rules.data.length > 0 && (
          <ScrollTable minWidth={640} labelledBy="retention-rules">
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('archive.weeding.ruleName')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weeding.covers')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weeding.keptFor')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weeding.status')}</Table.Th>
                  {props.canManage && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('archive.weeding.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.map((rule) => (
                  <Table.Tr key={rule.id}>
                    <Table.Th scope="row" fw={500}>
                      {rule.name}
                    </Table.Th>
                    <Table.Td>{covers(rule)}</Table.Td>
                    <Table.Td>{retention(rule)}</Table.Td>
                    <Table.Td>
                      {rule.retiredAt
                        ? t('archive.weeding.retired', { date: rule.retiredAt.slice(0, 10) })
                        : t('archive.weeding.inForce')}
                    </Table.Td>
                    {props.canManage && (
                      <Table.Td>
                        {!rule.retiredAt && (
                          <Button
                            variant="subtle"
                            color="red"
                            size="compact-sm"
                            onClick={() => setRetiring(rule)}
                            aria-label={t('archive.weeding.retireNamed', { name: rule.name })}
                          >
                            {t('archive.weeding.retire')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {props.canManage && <NewRuleForm libraryId={props.libraryId} channels={props.channels} />}
      </Stack>
      <ConfirmDialog
        opened={retiring !== null}
        title={t('archive.weeding.retireTitle')}
        body={t('archive.weeding.retireBody', { name: retiring?.name ?? '' })}
        confirmLabel={t('archive.weeding.retire')}
        onConfirm={retire}
        onClose={() => {
          setRetiring(null)
          retireAction.clear()
        }}
        pending={retireAction.busy}
        error={retireAction.error}
        fallbackFocus={() => document.getElementById('retention-rules')}
      />
    </section>
  )
}

function NewRuleForm({ libraryId, channels }: { libraryId: string; channels: Channel[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [channelId, setChannelId] = useState('')
  const [recordClass, setRecordClass] = useState<'' | RecordClass>('')
  const [unit, setUnit] = useState<Unit>('years')
  const [amount, setAmount] = useState<number | string>(2)
  const [missing, setMissing] = useState(false)
  const { busy, error, problems, run } = useAction()

  const submit = () => {
    if (!name.trim()) {
      setMissing(true)
      document.getElementById('rule-name')?.focus()
      return
    }
    const n = Number(amount)
    void run(async () => {
      await createRetentionRule(libraryId, {
        name: name.trim(),
        channelId: channelId || null,
        recordClass: recordClass || null,
        retention:
          unit === 'permanent'
            ? { type: 'permanent' }
            : unit === 'years'
              ? { type: 'years', years: n }
              : { type: 'months', months: n },
      })
      await queryClient.invalidateQueries({ queryKey: archiveAdminKey(libraryId) })
      setName('')
    })
  }

  return (
    <FormCard labelId="new-rule" title={t('archive.weeding.newRule')} level={3} onSubmit={submit}>
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput
          id="rule-name"
          label={t('archive.weeding.ruleName')}
          description={t('archive.weeding.ruleNameHint')}
          required
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value)
            setMissing(false)
          }}
          error={missing ? t('archive.weeding.ruleNameMissing') : problems.name}
          maxLength={200}
          w={320}
          maw="100%"
        />
        <NativeSelect
          id="rule-channel"
          label={t('archive.weeding.channel')}
          value={channelId}
          onChange={(e) => setChannelId(e.currentTarget.value)}
          data={[
            { value: '', label: t('archive.weeding.allChannels') },
            ...channels.map((c) => ({ value: c.id, label: channelName(c) })),
          ]}
        />
        <NativeSelect
          id="rule-class"
          label={t('archive.weeding.recordClass')}
          value={recordClass}
          onChange={(e) => setRecordClass(e.currentTarget.value as '' | RecordClass)}
          data={[
            { value: '', label: t('archive.weeding.bothClasses') },
            ...RECORD_CLASSES.map((c) => ({ value: c, label: t(`archive.class.${c}`) })),
          ]}
        />
      </Group>
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          id="rule-unit"
          label={t('archive.weeding.keptFor')}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value as Unit)}
          data={[
            { value: 'years', label: t('archive.weeding.unitYears') },
            { value: 'months', label: t('archive.weeding.unitMonths') },
            { value: 'permanent', label: t('archive.weeding.permanent') },
          ]}
        />
        {unit !== 'permanent' && (
          <NumberInput
            id="rule-amount"
            label={
              unit === 'years' ? t('archive.weeding.unitYears') : t('archive.weeding.unitMonths')
            }
            value={amount}
            onChange={setAmount}
            min={1}
            max={unit === 'years' ? 100 : 1200}
            allowDecimal={false}
            required
            w={140}
            error={problems['retention.years'] ?? problems['retention.months']}
          />
        )}
      </Group>
      <ErrorAlert error={error} />
      <Group>
        <Button type="submit" loading={busy}>
          {t('archive.weeding.addRule')}
        </Button>
      </Group>
    </FormCard>
  )
}

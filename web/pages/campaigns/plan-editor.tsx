import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  PLAN_PURPOSES,
  offsetLabel,
  proposePlan,
  slotInstant,
  type PlanPurpose,
  type PlanTemplateSlot,
} from '../../../core/planning/peak-plan.js'
import { can } from '../../../core/roles.js'
import type { CampaignDetail, PlanTemplate } from '../../../core/schemas/campaign.js'
import { isLocalTime } from '../../../core/time/zoned.js'
import {
  applyPlan,
  deletePlanTemplate,
  planTemplatesQuery,
  savePlanTemplate,
} from '../../api/campaigns.js'
import { channelsQuery } from '../../api/channels.js'
import { membersQuery } from '../../api/members.js'
import { TimeInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { useFormat } from '../../i18n/format.js'
import { ChannelCheckboxes } from './channel-checkboxes.js'

type EditableSlot = {
  key: number
  include: boolean
  offsetDays: number
  time: string
  purpose: PlanPurpose
  channelIds: string[]
  text: string
  /** '' lets the slot take its turn in the rotation. */
  assigneeId: string
}

let nextKey = 0

type Props = { libraryId: string; campaign: CampaignDetail; timeZone: string; onDone: () => void }

/**
 * The proposed plan around the peak, editable slot by slot before anything
 * is made: when, what for, which channels, a starter text and who writes it.
 */
export function PlanEditor({ libraryId, campaign, timeZone, onDone }: Props) {
  const { t } = useTranslation()
  const templates = useQuery(planTemplatesQuery(libraryId))
  const members = useQuery(membersQuery(libraryId))
  if (templates.isError) return <ErrorAlert error={templates.error} />
  if (members.isError) return <ErrorAlert error={members.error} />
  if (!templates.data || !members.data) return null
  const writers = members.data.filter((m) => can(m.role, 'posts.write'))
  return (
    <PlanForm
      libraryId={libraryId}
      campaign={campaign}
      timeZone={timeZone}
      onDone={onDone}
      templates={templates.data}
      members={members.data.map((m) => ({ value: m.userId, label: m.name }))}
      defaultRotation={writers.map((m) => m.userId)}
      templateName={(template) => template.name || t('campaigns.plan.torgetTemplate')}
    />
  )
}

function PlanForm(
  props: Props & {
    templates: PlanTemplate[]
    members: { value: string; label: string }[]
    defaultRotation: string[]
    templateName: (template: PlanTemplate) => string
  },
) {
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  const queryClient = useQueryClient()
  const channels = useQuery(channelsQuery(props.libraryId))
  const [templateIndex, setTemplateIndex] = useState('0')
  const proposal = (template: PlanTemplate): EditableSlot[] =>
    proposePlan(template.slots, props.campaign.channelIds).map((slot) => ({
      ...slot,
      key: nextKey++,
      include: instantOf(slot) > Date.now(),
      assigneeId: '',
    }))
  const instantOf = (slot: Pick<EditableSlot, 'offsetDays' | 'time'>) =>
    isLocalTime(slot.time) && Number.isInteger(slot.offsetDays)
      ? slotInstant(props.campaign.peakDate, slot, props.timeZone).getTime()
      : Number.NaN
  const [slots, setSlots] = useState<EditableSlot[]>(() => proposal(props.templates[0]!))
  const [rotation, setRotation] = useState<string[]>(props.defaultRotation)
  const [newTemplateName, setNewTemplateName] = useState('')
  const included = slots.filter((s) => s.include)

  const change = (key: number, patch: Partial<EditableSlot>) =>
    setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)))

  const create = useMutation({
    mutationFn: () =>
      applyPlan(props.libraryId, props.campaign.id, {
        slots: included.map((s) => ({
          offsetDays: s.offsetDays,
          time: s.time,
          purpose: s.purpose,
          channelIds: s.channelIds,
          text: s.text,
          assigneeId: s.assigneeId || null,
        })),
        rotation,
      }),
    onSuccess: async (campaign) => {
      queryClient.setQueryData(['library', props.libraryId, 'campaigns', campaign.id], campaign)
      await queryClient.invalidateQueries({ queryKey: ['library', props.libraryId] })
      notify(t('campaigns.plan.created', { count: campaign.posts.length }))
      props.onDone()
    },
  })

  const saveTemplate = useMutation({
    mutationFn: () =>
      savePlanTemplate(props.libraryId, { name: newTemplateName, slots: asTemplate(included) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        queryKey: ['library', props.libraryId, 'plan-templates'],
      })
      notify(t('campaigns.plan.templateSaved', { name: newTemplateName }))
      setNewTemplateName('')
    },
  })

  const chosen = props.templates[Number(templateIndex)]
  const removeTemplate = useMutation({
    mutationFn: (id: string) => deletePlanTemplate(props.libraryId, id),
    onSuccess: async () => {
      notify(t('campaigns.plan.templateRemoved', { name: chosen?.name }))
      setTemplateIndex('0')
      await queryClient.invalidateQueries({
        queryKey: ['library', props.libraryId, 'plan-templates'],
      })
    },
  })

  const purposeOptions = PLAN_PURPOSES.map((p) => ({
    value: p,
    label: t(`campaigns.purpose.${p}`),
  }))
  const ownerOptions = [{ value: '', label: t('campaigns.plan.inTurn') }, ...props.members]

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <Select
          label={t('campaigns.plan.template')}
          data={props.templates.map((template, i) => ({
            value: String(i),
            label: props.templateName(template),
          }))}
          value={templateIndex}
          onChange={(value) => {
            if (value === null) return
            setTemplateIndex(value)
            setSlots(proposal(props.templates[Number(value)]!))
          }}
          allowDeselect={false}
          w={280}
          maw="100%"
        />
        {chosen?.id && (
          <Button
            variant="subtle"
            color="red"
            onClick={() => removeTemplate.mutate(chosen.id!)}
            loading={removeTemplate.isPending}
          >
            {t('campaigns.plan.removeTemplate', { name: chosen.name })}
          </Button>
        )}
        <MultiSelect
          label={t('campaigns.plan.rotation')}
          description={t('campaigns.plan.rotationHint')}
          data={props.members}
          value={rotation}
          onChange={setRotation}
          style={{ flex: 1, minWidth: 260 }}
        />
      </Group>
      <ErrorAlert error={removeTemplate.error} />
      <Text size="sm">{t('campaigns.plan.placeholders')}</Text>
      <Stack gap="sm" component="ol" className="plain-list" aria-label={t('campaigns.plan.slots')}>
        {slots.map((slot) => {
          const at = instantOf(slot)
          const when = Number.isNaN(at) ? '' : format.fullDateTime(new Date(at).toISOString())
          const legend = `${offsetLabel(slot.offsetDays)} · ${t(`campaigns.purpose.${slot.purpose}`)}${when ? ` – ${when}` : ''}`
          return (
            <li key={slot.key}>
              <Paper withBorder p="md" radius="md" bg={slot.include ? undefined : 'gray.0'}>
                <Fieldset
                  legend={legend}
                  variant="unstyled"
                  styles={{ legend: { fontWeight: 600 } }}
                >
                  <Stack gap="sm" mt="xs">
                    <Checkbox
                      label={t('campaigns.plan.include')}
                      checked={slot.include}
                      onChange={(e) => change(slot.key, { include: e.currentTarget.checked })}
                      description={at < Date.now() ? t('campaigns.plan.passed') : undefined}
                    />
                    <Group gap="sm" align="flex-start">
                      <NumberInput
                        label={t('campaigns.plan.offset')}
                        value={slot.offsetDays}
                        onChange={(v) => change(slot.key, { offsetDays: Number(v) || 0 })}
                        min={-90}
                        max={90}
                        allowDecimal={false}
                        w={150}
                      />
                      <TimeInput
                        label={t('campaigns.plan.time')}
                        value={slot.time}
                        onChange={(time) => change(slot.key, { time })}
                      />
                      <Select
                        label={t('campaigns.plan.purpose')}
                        data={purposeOptions}
                        value={slot.purpose}
                        onChange={(v) => v && change(slot.key, { purpose: v as PlanPurpose })}
                        allowDeselect={false}
                        w={170}
                      />
                      <Select
                        label={t('campaigns.plan.owner')}
                        data={ownerOptions}
                        value={slot.assigneeId}
                        onChange={(v) => change(slot.key, { assigneeId: v ?? '' })}
                        allowDeselect={false}
                        w={220}
                        maw="100%"
                      />
                    </Group>
                    <ChannelCheckboxes
                      label={t('campaigns.plan.channels')}
                      channels={channels.data ?? []}
                      value={slot.channelIds}
                      onChange={(ids) => change(slot.key, { channelIds: ids })}
                    />
                    <Textarea
                      label={t('campaigns.plan.text')}
                      value={slot.text}
                      onChange={(e) => change(slot.key, { text: e.currentTarget.value })}
                      autosize
                      minRows={2}
                      maxLength={10_000}
                    />
                  </Stack>
                </Fieldset>
              </Paper>
            </li>
          )
        })}
      </Stack>
      <Group>
        <Button
          variant="default"
          onClick={() =>
            setSlots((all) => [
              ...all,
              {
                key: nextKey++,
                include: true,
                offsetDays: 0,
                time: '12:00',
                purpose: 'burst',
                channelIds: [...props.campaign.channelIds],
                text: '',
                assigneeId: '',
              },
            ])
          }
        >
          {t('campaigns.plan.addSlot')}
        </Button>
      </Group>
      <ErrorAlert error={create.error} />
      <Group>
        <Button
          onClick={() => create.mutate()}
          loading={create.isPending}
          disabled={included.length === 0}
        >
          {t('campaigns.plan.create', { count: included.length })}
        </Button>
      </Group>

      <Stack gap="xs" component="section" aria-labelledby="save-template-heading" mt="md">
        <Title order={3} size="h4" id="save-template-heading">
          {t('campaigns.plan.saveTitle')}
        </Title>
        <Text size="sm">{t('campaigns.plan.saveIntro')}</Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('campaigns.plan.templateName')}
            value={newTemplateName}
            onChange={(e) => setNewTemplateName(e.currentTarget.value)}
            maxLength={80}
            w={280}
            maw="100%"
          />
          <Button
            variant="default"
            onClick={() => saveTemplate.mutate()}
            loading={saveTemplate.isPending}
            disabled={!newTemplateName.trim() || included.length === 0}
          >
            {t('campaigns.plan.saveTemplate')}
          </Button>
        </Group>
        <ErrorAlert error={saveTemplate.error} />
      </Stack>
    </Stack>
  )
}

/**
 * Slots as a template: a time written once per channel (the burst on the peak
 * day) goes back to being one slot for "each channel".
 */
function asTemplate(slots: EditableSlot[]): PlanTemplateSlot[] {
  const groups = Map.groupBy(slots, (s) => `${s.offsetDays}|${s.time}|${s.purpose}|${s.text}`)
  return [...groups.values()].map((group) => ({
    offsetDays: group[0]!.offsetDays,
    time: group[0]!.time,
    purpose: group[0]!.purpose,
    perChannel: group.length > 1 && group.every((s) => s.channelIds.length === 1),
    text: group[0]!.text,
  }))
}

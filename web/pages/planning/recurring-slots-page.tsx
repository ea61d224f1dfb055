import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import type { RecurringSlot } from '../../../core/schemas/recurring-slot.js'
import { isLocalTime } from '../../../core/time/zoned.js'
import { channelsQuery } from '../../api/channels.js'
import { membersQuery } from '../../api/members.js'
import {
  createRecurringSlot,
  deleteRecurringSlot,
  recurringSlotsQuery,
  updateRecurringSlot,
  type NewRecurringSlot,
} from '../../api/recurring-slots.js'
import { useMembership } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { TimeInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { channelName } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { StatusLabel } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { ChannelCheckboxes } from '../campaigns/channel-checkboxes.js'
import { PlanningLinks } from '../campaigns/planning-links.js'

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

export function RecurringSlotsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const manage = can(membership.role, 'recurring.manage')
  const slots = useQuery(recurringSlotsQuery(libraryId))
  const [editing, setEditing] = useState<RecurringSlot | 'new' | null>(null)
  const formHeading = useRef<HTMLHeadingElement>(null)
  const edit = (slot: RecurringSlot | 'new') => {
    setEditing(slot)
    requestAnimationFrame(() => formHeading.current?.focus())
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap="xs" style={{ flex: 1, minWidth: 260 }}>
          <PageHeading>{t('campaigns.recurring.title')}</PageHeading>
          <Text className="prose">{t('campaigns.recurring.intro')}</Text>
        </Stack>
        {manage && editing === null && (
          <Button onClick={() => edit('new')}>{t('campaigns.recurring.new')}</Button>
        )}
      </Group>
      <PlanningLinks libraryId={libraryId} />

      {manage && editing !== null && (
        <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="slot-form">
          <Title order={2} size="h3" id="slot-form" ref={formHeading} tabIndex={-1} mb="sm">
            {editing === 'new'
              ? t('campaigns.recurring.newTitle')
              : t('campaigns.recurring.editTitle', { name: editing.name })}
          </Title>
          <SlotForm
            key={editing === 'new' ? 'new' : editing.id}
            libraryId={libraryId}
            slot={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        </Paper>
      )}

      <Stack gap="sm" component="section" aria-labelledby="slot-list">
        <Title order={2} size="h3" id="slot-list">
          {t('campaigns.recurring.listTitle')}
        </Title>
        {slots.isPending ? (
          <Loading />
        ) : slots.isError ? (
          <ErrorAlert error={slots.error} />
        ) : slots.data.length === 0 ? (
          <Text className="prose">{t('campaigns.recurring.empty')}</Text>
        ) : (
          <Stack gap="sm" component="ul" className="plain-list">
            {slots.data.map((slot) => (
              <li key={slot.id}>
                <SlotCard
                  libraryId={libraryId}
                  slot={slot}
                  manage={manage}
                  timeZone={membership.timeZone}
                  onEdit={() => edit(slot)}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  )
}

function SlotCard(props: {
  libraryId: string
  slot: RecurringSlot
  manage: boolean
  timeZone: string
  onEdit: () => void
}) {
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  const queryClient = useQueryClient()
  const members = useQuery(membersQuery(props.libraryId))
  const channels = useQuery(channelsQuery(props.libraryId))
  const [confirming, setConfirming] = useState(false)
  const { slot } = props
  const nameOf = (id: string | null) =>
    (id && members.data?.find((m) => m.userId === id)?.name) ||
    t('campaigns.recurring.formerMember')
  const changed = () =>
    queryClient.invalidateQueries({ queryKey: ['library', props.libraryId, 'recurring-slots'] })
  const toggle = useMutation({
    mutationFn: () => updateRecurringSlot(props.libraryId, slot.id, { active: !slot.active }),
    onSettled: changed,
  })
  const remove = useMutation({
    mutationFn: () => deleteRecurringSlot(props.libraryId, slot.id),
    onSuccess: async () => {
      setConfirming(false)
      notify(t('campaigns.recurring.removed', { name: slot.name }))
      await changed()
    },
  })
  const channelNames = slot.channelIds
    .map((id) => channels.data?.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map(channelName)

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="sm">
          <Title order={3} size="h5">
            {slot.name}
          </Title>
          {slot.active ? (
            <StatusLabel tone="ok">{t('campaigns.recurring.active')}</StatusLabel>
          ) : (
            <StatusLabel tone="neutral">{t('campaigns.recurring.paused')}</StatusLabel>
          )}
        </Group>
        <Text size="sm">
          {t('campaigns.recurring.every', {
            // The schema allows 1 (Monday) to 7 (Sunday) only.
            weekday: t(`campaigns.weekdays.${slot.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`),
            time: slot.time,
          })}
          {channelNames.length > 0 && ` · ${channelNames.join(', ')}`}
        </Text>
        {slot.prompt && (
          <Text size="sm">{t('campaigns.recurring.promptIs', { prompt: slot.prompt })}</Text>
        )}
        <Text size="sm">
          {slot.memberIds.length === 0
            ? t('campaigns.recurring.noMembers')
            : t('campaigns.recurring.turns', { names: slot.memberIds.map(nameOf).join(' → ') })}
        </Text>
        {slot.active && (
          <Text size="sm" fw={600}>
            {t('campaigns.recurring.next', {
              when: format.fullDateTime(slot.next.plannedAt),
              week: slot.next.week.slice(6).replace(/^0/, ''),
              name: slot.next.assigneeId
                ? nameOf(slot.next.assigneeId)
                : t('campaigns.recurring.nobody'),
            })}
          </Text>
        )}
        {slot.lastPostId && (
          <AnchorLink
            to="/bibliotek/$libraryId/inlagg/$postId"
            params={{ libraryId: props.libraryId, postId: slot.lastPostId }}
            size="sm"
          >
            {t('campaigns.recurring.openLast', { name: slot.name })}
          </AnchorLink>
        )}
        {props.manage && (
          <Group gap="sm" mt={4}>
            <Button size="xs" variant="default" onClick={props.onEdit}>
              {t('campaigns.recurring.edit', { name: slot.name })}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => toggle.mutate()}
              loading={toggle.isPending}
            >
              {slot.active
                ? t('campaigns.recurring.pause', { name: slot.name })
                : t('campaigns.recurring.resume', { name: slot.name })}
            </Button>
            <Button size="xs" color="red" variant="outline" onClick={() => setConfirming(true)}>
              {t('campaigns.recurring.remove', { name: slot.name })}
            </Button>
          </Group>
        )}
        <ErrorAlert error={toggle.error} />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('campaigns.recurring.removeTitle', { name: slot.name })}
        body={t('campaigns.recurring.removeBody')}
        confirmLabel={t('campaigns.recurring.removeConfirm')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Paper>
  )
}

function SlotForm(props: { libraryId: string; slot?: RecurringSlot; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const members = useQuery(membersQuery(props.libraryId))
  const channels = useQuery(channelsQuery(props.libraryId))
  const [value, setValue] = useState<Required<Omit<NewRecurringSlot, 'audience'>>>({
    name: props.slot?.name ?? t('campaigns.recurring.defaultName'),
    weekday: props.slot?.weekday ?? 5,
    time: props.slot?.time ?? '10:00',
    prompt: props.slot?.prompt ?? t('campaigns.recurring.defaultPrompt'),
    channelIds: props.slot?.channelIds ?? [],
    memberIds: props.slot?.memberIds ?? [],
    active: props.slot?.active ?? true,
  })
  const [problem, setProblem] = useState<'name' | 'time' | null>(null)
  const save = useMutation({
    mutationFn: () =>
      props.slot
        ? updateRecurringSlot(props.libraryId, props.slot.id, value)
        : createRecurringSlot(props.libraryId, value),
    onSuccess: async (slot) => {
      await queryClient.invalidateQueries({
        queryKey: ['library', props.libraryId, 'recurring-slots'],
      })
      notify(t('campaigns.recurring.saved', { name: slot.name }))
      props.onDone()
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const found = !value.name.trim() ? 'name' : !isLocalTime(value.time) ? 'time' : null
    setProblem(found)
    if (!found) save.mutate()
  }
  // Those who write: the rotation is about drafting, so Svarare and Läsare are not offered.
  const writers = (members.data ?? []).filter(
    (m) => can(m.role, 'posts.write') || value.memberIds.includes(m.userId),
  )

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={640}>
        <TextInput
          label={t('campaigns.recurring.name')}
          value={value.name}
          onChange={(e) => setValue({ ...value, name: e.currentTarget.value })}
          error={problem === 'name' ? t('validation.required') : undefined}
          required
          maxLength={120}
        />
        <Group gap="sm" align="flex-start">
          <Select
            label={t('campaigns.recurring.weekday')}
            data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`campaigns.weekdays.${d}`) }))}
            value={String(value.weekday)}
            onChange={(v) => v && setValue({ ...value, weekday: Number(v) })}
            allowDeselect={false}
            w={180}
          />
          <TimeInput
            label={t('campaigns.recurring.time')}
            value={value.time}
            onChange={(time) => setValue({ ...value, time })}
            error={problem === 'time' ? t('schedule.timeInvalid') : undefined}
            required
          />
        </Group>
        <Textarea
          label={t('campaigns.recurring.prompt')}
          description={t('campaigns.recurring.promptHint')}
          value={value.prompt}
          onChange={(e) => setValue({ ...value, prompt: e.currentTarget.value })}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <ChannelCheckboxes
          label={t('campaigns.recurring.channels')}
          channels={channels.data ?? []}
          value={value.channelIds}
          onChange={(ids) => setValue({ ...value, channelIds: ids })}
        />
        <MultiSelect
          label={t('campaigns.recurring.members')}
          description={t('campaigns.recurring.membersHint')}
          data={writers.map((m) => ({ value: m.userId, label: m.name }))}
          value={value.memberIds}
          onChange={(ids) => setValue({ ...value, memberIds: ids })}
          searchable
        />
        <Switch
          label={t('campaigns.recurring.activeLabel')}
          checked={value.active}
          onChange={(e) => setValue({ ...value, active: e.currentTarget.checked })}
        />
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

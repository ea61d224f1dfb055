import {
  Alert,
  Button,
  Fieldset,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams, useSearch } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CampaignDetail } from '../../../core/schemas/campaign.js'
import type { LibraryEvent } from '../../../core/schemas/event.js'
import { isLocalDate, isLocalTime, resolveZoned, utcToZoned } from '../../../core/time/zoned.js'
import { createCampaign, updateCampaign } from '../../api/campaigns.js'
import { channelsQuery } from '../../api/channels.js'
import { eventQuery } from '../../api/events.js'
import { guidelinesQuery } from '../../api/guidelines.js'
import { useMembership } from '../../api/use-session.js'
import { DateInput, TimeInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { type FieldErrors, focusFirstInvalid, problems } from '../../components/form.js'
import { PageHeading } from '../../components/page-heading.js'
import { useFormat } from '../../i18n/format.js'
import { ChannelCheckboxes } from './channel-checkboxes.js'
import { PlanningLinks } from './planning-links.js'

type Fields = 'name' | 'date' | 'time'

export function NewCampaignPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const { evenemang } = useSearch({
    from: '/signed-in/bibliotek/$libraryId/planering/kampanjer/ny',
  })
  const event = useQuery({ ...eventQuery(libraryId, evenemang ?? ''), enabled: !!evenemang })

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('campaigns.form.title')}</PageHeading>
        <Text className="prose">{t('campaigns.form.intro')}</Text>
      </Stack>
      <PlanningLinks libraryId={libraryId} />
      {evenemang && event.isPending ? null : (
        <CampaignForm key={event.data?.id ?? 'new'} libraryId={libraryId} event={event.data} />
      )}
    </Stack>
  )
}

/** A new campaign, or (with `campaign`) a change to one; `onSaved` then replaces going to its page. */
export function CampaignForm({
  libraryId,
  event,
  campaign,
  onSaved,
}: {
  libraryId: string
  event?: LibraryEvent | undefined
  campaign?: CampaignDetail
  onSaved?: (campaign: CampaignDetail) => void
}) {
  const { t, i18n } = useTranslation()
  const membership = useMembership(libraryId)
  const timeZone = membership.timeZone
  const format = useFormat(timeZone)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const channels = useQuery(channelsQuery(libraryId))
  const guidelines = useQuery(guidelinesQuery(libraryId))
  const form = useRef<HTMLFormElement>(null)
  const eventStart = event && utcToZoned(event.startsAt, timeZone)
  const [name, setName] = useState(campaign?.name ?? event?.summary ?? '')
  const [goal, setGoal] = useState(campaign?.goal ?? '')
  const [audience, setAudience] = useState<string | null>(campaign?.audience ?? null)
  const [channelIds, setChannelIds] = useState<string[]>(campaign?.channelIds ?? [])
  const [date, setDate] = useState(campaign?.peakDate ?? eventStart?.date ?? '')
  const [time, setTime] = useState(
    campaign?.peakTime ?? (event && !event.allDay ? eventStart!.time : '10:00'),
  )
  const [errors, setErrors] = useState<FieldErrors<Fields>>({})
  const locale = i18n.language === 'en' ? 'en' : 'sv'

  const create = useMutation({
    mutationFn: () => {
      const fields = { name, goal, audience, channelIds, peakDate: date, peakTime: time }
      return campaign
        ? updateCampaign(libraryId, campaign.id, fields)
        : createCampaign(libraryId, { ...fields, eventId: event?.id ?? null })
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'campaigns'] })
      if (onSaved) return onSaved(saved)
      await navigate({
        to: '/bibliotek/$libraryId/planering/kampanjer/$campaignId',
        params: { libraryId, campaignId: saved.id },
      })
    },
  })

  const valid = isLocalDate(date) && isLocalTime(time)
  const resolved = valid ? resolveZoned(date, time, timeZone) : undefined

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const found = problems<Fields>({
      name: name.trim() ? undefined : t('validation.required'),
      date: isLocalDate(date) ? undefined : t('schedule.dateInvalid'),
      time: isLocalTime(time) ? undefined : t('schedule.timeInvalid'),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current)
    create.mutate()
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="md" maw={640}>
        {event && (
          <Alert role="note" variant="light" color="gray">
            {t('campaigns.form.fromEvent', {
              event: event.summary,
              when: format.dateTime(event.startsAt),
            })}
          </Alert>
        )}
        <TextInput
          label={t('campaigns.form.name')}
          description={t('campaigns.form.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
          maxLength={120}
        />
        <Textarea
          label={t('campaigns.form.goal')}
          description={t('campaigns.form.goalHint')}
          value={goal}
          onChange={(e) => setGoal(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Select
          label={t('campaigns.form.audience')}
          placeholder={t('campaigns.form.audienceNone')}
          data={(guidelines.data?.policy.audiences ?? []).map((a) => ({
            value: a.id,
            label: a.label[locale],
          }))}
          value={audience}
          onChange={setAudience}
          clearable
        />
        <ChannelCheckboxes
          label={t('campaigns.form.channels')}
          description={t('campaigns.form.channelsHint')}
          channels={channels.data ?? []}
          value={channelIds}
          onChange={setChannelIds}
        />
        <Fieldset
          legend={t('campaigns.form.peakLegend', { zone: timeZone.replaceAll('_', ' ') })}
          variant="unstyled"
          styles={{ legend: { fontWeight: 600 } }}
        >
          <Group gap="sm" align="flex-start" mt={4}>
            <DateInput
              label={t('campaigns.form.peakDate')}
              value={date}
              onChange={setDate}
              error={errors.date}
              required
            />
            <TimeInput
              label={t('campaigns.form.peakTime')}
              value={time}
              onChange={setTime}
              error={errors.time}
              required
            />
          </Group>
          {resolved && (
            <Text size="sm" mt="xs">
              {t('campaigns.form.peakResolved', {
                when: format.fullDateTime(resolved.instant.toISOString()),
              })}
            </Text>
          )}
        </Fieldset>
        <ErrorAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {campaign ? t('common.save') : t('campaigns.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { offsetLabel } from '../../../core/planning/peak-plan.js'
import { can } from '../../../core/roles.js'
import type { CampaignDetail } from '../../../core/schemas/campaign.js'
import type { Post } from '../../../core/schemas/index.js'
import { campaignQuery, deleteCampaign } from '../../api/campaigns.js'
import { channelsQuery } from '../../api/channels.js'
import { guidelinesQuery } from '../../api/guidelines.js'
import { membersQuery } from '../../api/members.js'
import { useMembership } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { channelName } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { PostStateLabel, firstLine } from '../../components/post-status.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { CampaignForm } from './new-campaign-page.js'
import { PlanEditor } from './plan-editor.js'
import { PlanningLinks } from './planning-links.js'
import { ProgressBars } from './progress.js'

export function CampaignPage() {
  const { t } = useTranslation()
  const { libraryId, campaignId } = useParams({
    from: '/signed-in/bibliotek/$libraryId/planering/kampanjer/$campaignId',
  })
  const campaign = useQuery(campaignQuery(libraryId, campaignId))

  if (campaign.isPending) return <Loading />
  if (campaign.isError)
    return (
      <Stack gap="lg">
        <PageHeading>{t('campaigns.detail.missing')}</PageHeading>
        <ErrorAlert error={campaign.error} />
        <AnchorLink to="/bibliotek/$libraryId/planering/kampanjer" params={{ libraryId }}>
          {t('campaigns.detail.back')}
        </AnchorLink>
      </Stack>
    )
  return <CampaignView libraryId={libraryId} campaign={campaign.data} />
}

function CampaignView({ libraryId, campaign }: { libraryId: string; campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation()
  const membership = useMembership(libraryId)
  const format = useFormat(membership.timeZone)
  const manage = can(membership.role, 'campaigns.manage')
  const channels = useQuery(channelsQuery(libraryId))
  const guidelines = useQuery(guidelinesQuery(libraryId))
  const [planning, setPlanning] = useState(campaign.posts.length === 0)
  const [confirming, setConfirming] = useState(false)
  const [editing, setEditing] = useState(false)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const audience = guidelines.data?.policy.audiences.find((a) => a.id === campaign.audience)
  const channelNames = campaign.channelIds
    .map((id) => channels.data?.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map(channelName)
  const remove = useMutation({
    mutationFn: () => deleteCampaign(libraryId, campaign.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(t('campaigns.detail.deleted', { name: campaign.name }))
      await navigate({ to: '/bibliotek/$libraryId/planering/kampanjer', params: { libraryId } })
    },
  })

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading documentTitle={t('campaigns.detail.documentTitle', { name: campaign.name })}>
          {campaign.name}
        </PageHeading>
        <Text fw={600}>
          {t('campaigns.peakAt', { when: format.fullDateTime(campaign.peakAt) })}
        </Text>
      </Stack>
      <PlanningLinks libraryId={libraryId} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs" component="section" aria-labelledby="campaign-about">
          <Title order={2} size="h3" id="campaign-about">
            {t('campaigns.detail.about')}
          </Title>
          <Stack gap={2} component="dl" m={0}>
            <Text component="dt" fw={600}>
              {t('campaigns.form.goal')}
            </Text>
            <Text component="dd" m={0} mb="xs">
              {campaign.goal || t('campaigns.detail.noGoal')}
            </Text>
            <Text component="dt" fw={600}>
              {t('campaigns.form.audience')}
            </Text>
            <Text component="dd" m={0} mb="xs">
              {audience?.label[locale] ?? t('campaigns.form.audienceNone')}
            </Text>
            <Text component="dt" fw={600}>
              {t('campaigns.form.channels')}
            </Text>
            <Text component="dd" m={0} mb="xs">
              {channelNames.length ? channelNames.join(', ') : t('campaigns.detail.noChannels')}
            </Text>
            {campaign.event && (
              <>
                <Text component="dt" fw={600}>
                  {t('campaigns.detail.event')}
                </Text>
                <Text component="dd" m={0} mb="xs">
                  {campaign.event.summary} ({format.dateTime(campaign.event.startsAt)})
                  {campaign.event.status === 'cancelled' && (
                    <Text span fw={700} c="red.8">
                      {' '}
                      – {t('campaigns.events.cancelled')}
                    </Text>
                  )}
                </Text>
              </>
            )}
          </Stack>
          {manage && !editing && (
            <Group>
              <Button variant="default" size="xs" onClick={() => setEditing(true)}>
                {t('campaigns.detail.edit')}
              </Button>
            </Group>
          )}
          {editing && (
            <CampaignForm
              libraryId={libraryId}
              campaign={campaign}
              onSaved={(saved) => {
                queryClient.setQueryData(['library', libraryId, 'campaigns', saved.id], saved)
                notify(t('campaigns.detail.saved'))
                setEditing(false)
              }}
            />
          )}
          {campaign.event && campaign.event.startsAt !== campaign.peakAt && (
            <Alert role="note" variant="light" color="gray">
              {t('campaigns.detail.eventMoved', { when: format.dateTime(campaign.event.startsAt) })}
            </Alert>
          )}
        </Stack>
        <Stack gap="xs" component="section" aria-labelledby="campaign-progress">
          <Title order={2} size="h3" id="campaign-progress">
            {t('campaigns.detail.progress')}
          </Title>
          {campaign.progress.slots === 0 ? (
            <Text>{t('campaigns.progress.none')}</Text>
          ) : (
            <ProgressBars progress={campaign.progress} />
          )}
          <Title order={3} size="h4" mt="sm">
            {t('campaigns.detail.results')}
          </Title>
          <Text size="sm">{t('campaigns.detail.resultsLater')}</Text>
        </Stack>
      </SimpleGrid>

      {manage && planning && (
        <Stack gap="sm" component="section" aria-labelledby="campaign-plan">
          <Title order={2} size="h3" id="campaign-plan">
            {t('campaigns.plan.title')}
          </Title>
          <Text className="prose">{t('campaigns.plan.intro')}</Text>
          <PlanEditor
            libraryId={libraryId}
            campaign={campaign}
            timeZone={membership.timeZone}
            onDone={() => setPlanning(false)}
          />
        </Stack>
      )}

      <Stack gap="sm" component="section" aria-labelledby="campaign-posts">
        <Group justify="space-between">
          <Title order={2} size="h3" id="campaign-posts">
            {t('campaigns.detail.posts')}
          </Title>
          {manage && !planning && (
            <Button variant="default" onClick={() => setPlanning(true)}>
              {t('campaigns.detail.planMore')}
            </Button>
          )}
        </Group>
        {campaign.posts.length === 0 ? (
          <Text>{t('campaigns.detail.noPosts')}</Text>
        ) : (
          <CampaignPosts libraryId={libraryId} campaign={campaign} timeZone={membership.timeZone} />
        )}
      </Stack>

      {manage && (
        <Group>
          <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
            {t('campaigns.detail.delete')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('campaigns.detail.deleteTitle', { name: campaign.name })}
        body={t('campaigns.detail.deleteBody')}
        confirmLabel={t('campaigns.detail.delete')}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Stack>
  )
}

function CampaignPosts(props: { libraryId: string; campaign: CampaignDetail; timeZone: string }) {
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  const members = useQuery(membersQuery(props.libraryId))
  const slotOf = new Map(props.campaign.slots.map((s) => [s.postId, s]))
  const when = (post: Post) => post.scheduledAt ?? post.plannedAt
  const posts = [...props.campaign.posts].sort((a, b) =>
    (when(a) ?? '').localeCompare(when(b) ?? ''),
  )
  return (
    <Stack gap="sm" component="ul" className="plain-list" aria-labelledby="campaign-posts">
      {posts.map((post) => {
        const slot = slotOf.get(post.id)
        const owner = members.data?.find((m) => m.userId === post.assigneeId)?.name
        const at = when(post)
        return (
          <li key={post.id}>
            <Paper withBorder p="md" radius="md">
              <Stack gap={4}>
                <Group justify="space-between" gap="sm">
                  <Text fw={600}>
                    {slot
                      ? `${offsetLabel(slot.offsetDays)} · ${t(`campaigns.purpose.${slot.purpose}`)}`
                      : t('campaigns.detail.addedByHand')}
                    {at ? ` – ${format.fullDateTime(at)}` : ''}
                  </Text>
                  <PostStateLabel state={post.state} />
                </Group>
                <Text size="sm">{firstLine(post.text) || t('campaigns.detail.noText')}</Text>
                <Text size="sm">
                  {owner
                    ? t('campaigns.detail.owner', { name: owner })
                    : t('campaigns.detail.noOwner')}
                </Text>
                <AnchorLink
                  to="/bibliotek/$libraryId/inlagg/$postId"
                  params={{ libraryId: props.libraryId, postId: post.id }}
                  size="sm"
                >
                  {t('campaigns.detail.open', {
                    what: slot
                      ? `${offsetLabel(slot.offsetDays)} ${slot.time}`
                      : firstLine(post.text),
                  })}
                </AnchorLink>
              </Stack>
            </Paper>
          </li>
        )
      })}
    </Stack>
  )
}

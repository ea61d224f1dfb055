import { Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import type { Campaign } from '../../../core/schemas/campaign.js'
import { campaignsQuery } from '../../api/campaigns.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { PlanningLinks } from './planning-links.js'
import { ProgressSummary } from './progress.js'

export function CampaignsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const campaigns = useQuery(campaignsQuery(libraryId))
  const now = new Date().toISOString()
  const upcoming = (campaigns.data ?? [])
    .filter((c) => c.peakAt >= now)
    .sort((a, b) => a.peakAt.localeCompare(b.peakAt))
  const past = (campaigns.data ?? []).filter((c) => c.peakAt < now)

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap="xs" style={{ flex: 1, minWidth: 260 }}>
          <PageHeading>{t('campaigns.list.title')}</PageHeading>
          <Text className="prose">{t('campaigns.list.intro')}</Text>
        </Stack>
        {can(membership.role, 'campaigns.manage') && (
          <ButtonLink to="/bibliotek/$libraryId/planering/kampanjer/ny" params={{ libraryId }}>
            {t('campaigns.list.new')}
          </ButtonLink>
        )}
      </Group>
      <PlanningLinks libraryId={libraryId} />
      {campaigns.isPending ? (
        <Loading />
      ) : campaigns.isError ? (
        <ErrorAlert error={campaigns.error} />
      ) : campaigns.data.length === 0 ? (
        <Text className="prose">{t('campaigns.list.empty')}</Text>
      ) : (
        <>
          <CampaignList
            title={t('campaigns.list.upcoming')}
            id="upcoming-campaigns"
            campaigns={upcoming}
            libraryId={libraryId}
            timeZone={membership.timeZone}
          />
          <CampaignList
            title={t('campaigns.list.past')}
            id="past-campaigns"
            campaigns={past}
            libraryId={libraryId}
            timeZone={membership.timeZone}
          />
        </>
      )}
    </Stack>
  )
}

function CampaignList(props: {
  title: string
  id: string
  campaigns: Campaign[]
  libraryId: string
  timeZone: string
}) {
  const { t } = useTranslation()
  const format = useFormat(props.timeZone)
  if (props.campaigns.length === 0) return null
  return (
    <Stack gap="sm" component="section" aria-labelledby={props.id}>
      <Title order={2} size="h3" id={props.id}>
        {props.title}
      </Title>
      <Stack gap="sm" component="ul" className="plain-list">
        {props.campaigns.map((campaign) => (
          <li key={campaign.id}>
            <Paper withBorder p="md" radius="md">
              <Stack gap={6}>
                <Group justify="space-between" gap="sm">
                  <AnchorLink
                    to="/bibliotek/$libraryId/planering/kampanjer/$campaignId"
                    params={{ libraryId: props.libraryId, campaignId: campaign.id }}
                    fw={600}
                  >
                    {campaign.name}
                  </AnchorLink>
                  <Text size="sm">
                    {t('campaigns.peakAt', { when: format.dateTime(campaign.peakAt) })}
                  </Text>
                </Group>
                {campaign.event && (
                  <Text size="sm">
                    {t('campaigns.builtOnEvent', { event: campaign.event.summary })}
                  </Text>
                )}
                <ProgressSummary progress={campaign.progress} />
              </Stack>
            </Paper>
          </li>
        ))}
      </Stack>
    </Stack>
  )
}

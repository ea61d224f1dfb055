import { Alert, Badge, Group, Stack, Tabs, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams, useSearch } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { channelsQuery } from '../../api/channels.js'
import { postsQuery } from '../../api/posts.js'
import { useMembership } from '../../api/use-session.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { PlanningLinks } from '../campaigns/planning-links.js'
import { CalendarPanel } from './calendar-panel.js'
import {
  PLANNING_TABS,
  type PlanningTab,
  type PostListTab,
  isPlanningTab,
} from './planning-tabs.js'
import { PostList } from './post-list.js'

const LIST_TABS = Object.keys(PLANNING_TABS) as PostListTab[]

export function PlanningPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const { visa } = useSearch({ from: '/signed-in/bibliotek/$libraryId/planering' })
  const navigate = useNavigate()
  const membership = useMembership(libraryId)
  const channels = useQuery(channelsQuery(libraryId))
  const failed = useQuery(postsQuery(libraryId, PLANNING_TABS.misslyckade.states))
  const tab: PlanningTab = visa ?? 'kalender'
  const failedCount = failed.data?.length ?? 0

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap="xs" style={{ flex: 1, minWidth: 260 }}>
          <PageHeading>{t('planning.title')}</PageHeading>
          <Text className="prose">{t('planning.intro')}</Text>
        </Stack>
        {can(membership.role, 'posts.write') && (
          <ButtonLink to="/bibliotek/$libraryId/inlagg/nytt" params={{ libraryId }} size="md">
            {t('planning.newPost')}
          </ButtonLink>
        )}
      </Group>
      <PlanningLinks libraryId={libraryId} />
      {channels.data?.length === 0 && (
        <Alert role="note" variant="light" color="gray" title={t('planning.noChannelsTitle')}>
          {t('planning.noChannelsBody')}{' '}
          <AnchorLink to="/bibliotek/$libraryId/kanaler" params={{ libraryId }}>
            {t('planning.toChannels')}
          </AnchorLink>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isPlanningTab(value))
            void navigate({
              to: '/bibliotek/$libraryId/planering',
              params: { libraryId },
              // Each tab starts clean; the calendar's view and filters belong to the calendar.
              search: value === 'kalender' ? {} : { visa: value },
              replace: true,
            })
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('planning.tabsLabel')}>
          <Tabs.Tab value="kalender">{t('calendar.tab')}</Tabs.Tab>
          {LIST_TABS.map((id) => (
            <Tabs.Tab key={id} value={id}>
              <Group gap={6} wrap="nowrap" component="span">
                {t(`planning.tabs.${PLANNING_TABS[id].key}`)}
                {id === 'misslyckade' && failedCount > 0 && (
                  <Badge color="red" variant="filled" size="sm" circle aria-hidden="true">
                    {failedCount}
                  </Badge>
                )}
                {id === 'misslyckade' && failedCount > 0 && (
                  <span className="visually-hidden">
                    {t('planning.failedCount', { count: failedCount })}
                  </span>
                )}
              </Group>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="kalender" pt="md">
          <CalendarPanel libraryId={libraryId} />
        </Tabs.Panel>
        {LIST_TABS.map((id) => (
          <Tabs.Panel key={id} value={id} pt="md">
            <PostList libraryId={libraryId} tab={id} timeZone={membership.timeZone} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  )
}

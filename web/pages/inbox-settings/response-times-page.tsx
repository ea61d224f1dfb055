import { Alert, Group, NativeSelect, Stack, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { responseTimesQuery } from '../../api/inbox-settings.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { AtRiskList } from './at-risk-list.js'
import { InboxSubnav } from './inbox-subnav.js'
import { NotAllowed } from './not-allowed.js'
import { ResponseTimeTable } from './response-time-table.js'

const PERIODS = [4, 8, 13, 26] as const

/** Svarstider: how quickly the library answers, against the target its policy sets. */
export function ResponseTimesPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  if (!can(membership.role, 'inbox.stats'))
    return (
      <NotAllowed
        libraryId={libraryId}
        title={t('inboxSettings.times.title')}
        body={t('inboxSettings.times.notAllowed')}
      />
    )
  return <ResponseTimes libraryId={libraryId} timeZone={membership.timeZone} />
}

function ResponseTimes({ libraryId, timeZone }: { libraryId: string; timeZone: string }) {
  const { t } = useTranslation()
  const [weeks, setWeeks] = useState<number>(8)
  const times = useQuery({
    ...responseTimesQuery(libraryId, weeks),
    placeholderData: keepPreviousData,
  })

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('inboxSettings.times.title')}</PageHeading>
        <InboxSubnav libraryId={libraryId} />
        <Text className="prose">{t('inboxSettings.times.intro')}</Text>
      </Stack>
      {times.isPending ? (
        <Loading />
      ) : times.isError ? (
        <ErrorAlert error={times.error} />
      ) : (
        <>
          <Alert
            role="note"
            variant="light"
            color="torget"
            title={t('inboxSettings.times.targetTitle')}
          >
            <Stack gap={4} className="prose">
              <Text size="sm">{times.data.target}</Text>
              <Text size="sm">
                {times.data.targetMinutes === null
                  ? t('inboxSettings.times.noTarget')
                  : t('inboxSettings.times.workingTime')}
              </Text>
            </Stack>
          </Alert>
          <AtRiskList libraryId={libraryId} items={times.data.atRisk} timeZone={timeZone} />
          <Stack gap="md" component="section" aria-labelledby="times-heading">
            <Group justify="space-between" align="flex-end" gap="md">
              <Title order={2} size="h3" id="times-heading">
                {t('inboxSettings.times.tablesTitle')}
              </Title>
              <NativeSelect
                id="times-weeks"
                label={t('inboxSettings.times.period')}
                value={String(weeks)}
                onChange={(event) => setWeeks(Number(event.currentTarget.value))}
                data={PERIODS.map((count) => ({
                  value: String(count),
                  label: t('inboxSettings.times.weeks', { count }),
                }))}
                w={200}
              />
            </Group>
            <Text size="sm" className="prose">
              {t('inboxSettings.times.howToRead')}
            </Text>
            <ResponseTimeTable
              caption={t('inboxSettings.times.byWeek', { count: weeks })}
              firstColumn={t('inboxSettings.times.week')}
              rows={times.data.byWeek}
              hasTarget={times.data.targetMinutes !== null}
            />
            <ResponseTimeTable
              caption={t('inboxSettings.times.byChannel', { count: weeks })}
              firstColumn={t('inboxSettings.times.channel')}
              rows={times.data.byChannel}
              hasTarget={times.data.targetMinutes !== null}
            />
            <ResponseTimeTable
              caption={t('inboxSettings.times.byMember', { count: weeks })}
              firstColumn={t('inboxSettings.times.member')}
              rows={times.data.byMember}
              hasTarget={times.data.targetMinutes !== null}
            />
          </Stack>
        </>
      )}
    </Stack>
  )
}

import { Button, Group, Stack, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { ladderKey, ladderQuery, rebuildLadder } from '../../api/ladder.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { LadderPeople, LadderMovements } from './ladder-people.js'
import { LadderPersonDialog } from './ladder-person-dialog.js'
import { LadderPyramid } from './ladder-pyramid.js'
import { LadderRulesExplained, LadderRulesForm } from './ladder-rules.js'
import { StatisticsSubnav } from './statistics-subnav.js'

/**
 * Stegen: the engagement pyramid of the library's audience, this month and
 * last. Everyone sees counts and codes; Ansvarig and Redaktör may open a
 * person (logged), mark who leads and change the rules.
 */
export function LadderPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const format = useFormat(membership.timeZone)
  const queryClient = useQueryClient()
  const ladder = useQuery(ladderQuery(libraryId))
  const [opened, setOpened] = useState<string | null>(null)
  const people = can(membership.role, 'stats.people')
  const rebuild = useMutation({
    mutationFn: () => rebuildLadder(libraryId),
    onSuccess: (overview) => {
      queryClient.setQueryData(ladderKey(libraryId), overview)
      notify(t('ladder.rebuilt'))
    },
  })

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading documentTitle={t('ladder.documentTitle')}>{t('ladder.title')}</PageHeading>
        <StatisticsSubnav libraryId={libraryId} />
        <Text className="prose">{t('ladder.intro')}</Text>
      </Stack>
      {ladder.isPending ? (
        <Loading />
      ) : ladder.isError ? (
        <ErrorAlert error={ladder.error} />
      ) : (
        <>
          <Group gap="md" align="center">
            <Text size="sm" role="status">
              {ladder.data.rebuiltAt
                ? t('ladder.rebuiltAt', { at: format.dateTime(ladder.data.rebuiltAt) })
                : t('ladder.notYet')}
            </Text>
            {people && (
              <Button
                variant="default"
                size="compact-sm"
                onClick={() => rebuild.mutate()}
                loading={rebuild.isPending}
              >
                {t('ladder.rebuild')}
              </Button>
            )}
          </Group>
          <ErrorAlert error={rebuild.error} />
          <LadderPyramid overview={ladder.data} />
          <LadderMovements overview={ladder.data} />
          <LadderPeople overview={ladder.data} onOpen={people ? setOpened : undefined} />
          <LadderRulesExplained overview={ladder.data} />
          {people ? (
            <LadderRulesForm
              key={JSON.stringify(ladder.data.rules)}
              libraryId={libraryId}
              rules={ladder.data.rules}
            />
          ) : (
            <Text size="sm">{t('ladder.rules.onlyEditors')}</Text>
          )}
          {opened && (
            <LadderPersonDialog
              libraryId={libraryId}
              code={opened}
              timeZone={membership.timeZone}
              onClose={() => setOpened(null)}
            />
          )}
        </>
      )}
    </Stack>
  )
}

import { Badge, Group, Progress, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { GoalProgressView } from '../../../core/schemas/reports.js'
import { goalsProgressQuery } from '../../api/reports.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'

const STATUS_COLOR: Record<GoalProgressView['status'], string> = {
  on_track: 'teal',
  reached: 'teal',
  behind: 'red',
  missed: 'red',
  too_little_history: 'gray',
  no_deadline: 'gray',
  no_target: 'gray',
  no_data: 'gray',
  not_measurable: 'gray',
}

function GoalRow({ goal }: { goal: GoalProgressView }) {
  const { t } = useTranslation()
  // A calendar day, read at noon UTC so no time zone moves it to the day before.
  const format = useFormat('UTC')
  const percent = goal.share === null ? null : Math.min(100, Math.round(goal.share * 100))
  return (
    <Stack gap={6} component="li">
      <Group gap="sm" wrap="wrap">
        <Text fw={700}>{goal.goal}</Text>
        <Badge variant="light" color={STATUS_COLOR[goal.status]} tt="none">
          {t(`goalProgress.status.${goal.status}`)}
        </Badge>
      </Group>
      {percent !== null && (
        <Progress
          value={percent}
          color={STATUS_COLOR[goal.status] === 'gray' ? 'torget' : STATUS_COLOR[goal.status]}
          aria-label={t('goalProgress.barLabel', { goal: goal.goal })}
          maw={420}
        />
      )}
      <Text>{goal.sentence}</Text>
      {goal.status === 'behind' && goal.reachesOn && (
        <Text size="sm" c="dimmed">
          {t('goalProgress.reachesOn', { date: format.date(`${goal.reachesOn}T12:00:00Z`) })}
        </Text>
      )}
    </Stack>
  )
}

/**
 * The strategy's goals with where each stands and where the recent trend
 * takes it: on Strategi och policy, and for the Statistik page to place.
 */
export function GoalProgressList({
  libraryId,
  headingOrder = 2,
}: {
  libraryId: string
  headingOrder?: 2 | 3
}) {
  const { t } = useTranslation()
  const progress = useQuery(goalsProgressQuery(libraryId))
  return (
    <Stack gap="sm" component="section" aria-labelledby="goal-progress-heading">
      <Title order={headingOrder} size="h3" id="goal-progress-heading">
        {t('goalProgress.title')}
      </Title>
      <Text className="prose" size="sm">
        {t('goalProgress.how')}
      </Text>
      {progress.isPending ? (
        <Loading />
      ) : progress.isError ? (
        <ErrorAlert error={progress.error} />
      ) : progress.data.goals.length === 0 ? (
        <Text>{t('goalProgress.none')}</Text>
      ) : (
        <>
          {progress.data.from === 'draft' && <Text size="sm">{t('goalProgress.fromDraft')}</Text>}
          <Stack component="ul" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
            {progress.data.goals.map((goal) => (
              <GoalRow key={goal.index} goal={goal} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  )
}

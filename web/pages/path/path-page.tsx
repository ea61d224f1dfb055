import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { PathStep } from '../../../core/practice/path.js'
import { can } from '../../../core/roles.js'
import type { MyPath, PathLessons } from '../../../core/schemas/index.js'
import {
  enablePractice,
  inviteStaff,
  myPathQuery,
  pathKey,
  pathOverviewQuery,
} from '../../api/path.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ButtonLink } from '../../components/links/button-link.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { StatusIcon } from '../../components/status-label.js'
import { PracticeLines } from './practice-lines.js'
import { ScrollTable } from '../../components/scroll-table.js'

/** Where each step is done in Torget. */
const STEP_LINKS: Record<PathStep, string> = {
  policy: '/bibliotek/$libraryId/strategi',
  practice_post: '/bibliotek/$libraryId/inlagg/nytt',
  answers: '/bibliotek/$libraryId/inkorg',
  approved_post: '/bibliotek/$libraryId/inlagg/nytt',
  real_post: '/bibliotek/$libraryId/planering',
}

/** Min väg: prova → utbilda → bli trygga, from what the member has done in Torget. */
export function PathPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const path = useQuery(myPathQuery(libraryId))
  const manage = can(membership.role, 'path.manage')
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('path.title')}</PageHeading>
        <Text className="prose">{t('path.intro')}</Text>
      </Stack>
      {path.isPending ? (
        <Loading />
      ) : path.isError ? (
        <ErrorAlert error={path.error} />
      ) : (
        <>
          <Steps libraryId={libraryId} path={path.data} />
          {path.data.lessons && <Lessons lessons={path.data.lessons} />}
        </>
      )}
      {manage && <Overview libraryId={libraryId} />}
      {manage && <PracticeLines libraryId={libraryId} />}
    </Stack>
  )
}

function Steps({ libraryId, path }: { libraryId: string; path: MyPath }) {
  const { t, i18n } = useTranslation()
  const when = (at: string) => new Date(at).toLocaleDateString(i18n.language)
  return (
    <Stack gap="sm" component="section" aria-labelledby="path-steps-heading">
      <Title order={2} size="h3" id="path-steps-heading">
        {t('path.stepsTitle', { done: path.steps.filter((s) => s.doneAt).length, total: 5 })}
      </Title>
      {!path.practiceChannelId && (
        <Alert role="note" color="gray">
          {t('path.noPracticeChannel')}
        </Alert>
      )}
      {path.policy?.confirmedOlder && !path.policy.confirmedAt && (
        <Alert role="status" color="yellow">
          {t('path.policyChanged', { number: path.policy.number })}
        </Alert>
      )}
      <Stack gap="xs" component="ol" className="plain-list" aria-label={t('path.stepsLabel')}>
        {path.steps.map((s) => (
          <Paper key={s.step} component="li" withBorder p="md" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <StatusIcon tone={s.doneAt ? 'ok' : 'neutral'} size={20} />
                <Stack gap={2}>
                  <Text fw={600}>{t(`path.step.${s.step}.title`)}</Text>
                  <Text size="sm">
                    {s.doneAt
                      ? t('path.doneAt', { date: when(s.doneAt) })
                      : t(`path.step.${s.step}.how`)}
                  </Text>
                  {s.step === 'answers' && !s.doneAt && (
                    <Text size="sm">
                      {(['question', 'complaint', 'personal'] as const)
                        .map(
                          (l) =>
                            `${t(`path.lesson.${l}`)}: ${path.answers[l] ? t('path.answered') : t('path.notYet')}`,
                        )
                        .join(' · ')}
                    </Text>
                  )}
                  {s.step === 'real_post' && !s.doneAt && !path.realChannel && (
                    <Text size="sm">{t('path.noRealChannel')}</Text>
                  )}
                  {s.step === 'answers' && path.personalAnsweredInPublic && (
                    <Text size="sm" c="orange.9">
                      {t('path.personalInPublic')}
                    </Text>
                  )}
                </Stack>
              </Group>
              {!s.doneAt &&
                path.next === s.step &&
                (s.step !== 'real_post' || path.realChannel) && (
                  <ButtonLink to={STEP_LINKS[s.step]} params={{ libraryId }} size="xs">
                    {t(`path.step.${s.step}.go`)}
                  </ButtonLink>
                )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {path.next === null && (
        <Alert role="status" color="green">
          {t('path.allDone')}
        </Alert>
      )}
    </Stack>
  )
}

function Lessons({ lessons }: { lessons: PathLessons }) {
  const { t } = useTranslation()
  const r = lessons.responses
  return (
    <Stack gap="md" component="section" aria-labelledby="path-lessons-heading">
      <Title order={2} size="h3" id="path-lessons-heading">
        {t('path.lessonsTitle')}
      </Title>
      <Text size="sm">{t('path.lessonsIntro')}</Text>
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4">
          {t('path.lessons.responses')}
        </Title>
        <List size="sm" spacing={4} mt="xs">
          {r.responseTime && <List.Item>{r.responseTime}</List.Item>}
          {r.complaints && <List.Item>{r.complaints}</List.Item>}
          {r.personalMatters && <List.Item>{r.personalMatters}</List.Item>}
          {r.whoAnswers && <List.Item>{r.whoAnswers}</List.Item>}
        </List>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4">
          {t('path.lessons.voice')}
        </Title>
        <List size="sm" spacing={4} mt="xs">
          {lessons.voice.do.map((d) => (
            <List.Item key={`do-${d}`}>{t('path.lessons.do', { text: d })}</List.Item>
          ))}
          {lessons.voice.dont.map((d) => (
            <List.Item key={`dont-${d}`}>{t('path.lessons.dont', { text: d })}</List.Item>
          ))}
        </List>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4">
          {t('path.lessons.guidelines')}
        </Title>
        <Text size="sm" mt="xs">
          {lessons.guidelines.forbiddenWords.length
            ? t('path.lessons.forbidden', { words: lessons.guidelines.forbiddenWords.join(', ') })
            : t('path.lessons.noForbidden')}
        </Text>
        <Text size="sm">{t('path.lessons.blocking')}</Text>
      </Paper>
    </Stack>
  )
}

function Overview({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const overview = useQuery(pathOverviewQuery(libraryId))
  const refresh = () => queryClient.invalidateQueries({ queryKey: pathKey(libraryId) })
  const invite = useMutation({
    mutationFn: () => inviteStaff(libraryId),
    onSuccess: ({ invited }) => {
      notify(t('path.overview.invited', { count: invited }))
      void refresh()
    },
  })
  const enable = useMutation({
    mutationFn: () => enablePractice(libraryId),
    onSuccess: () => {
      notify(t('path.overview.enabled'))
      void refresh()
      void queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'channels'] })
    },
  })
  if (overview.isPending) return <Loading />
  if (overview.isError) return <ErrorAlert error={overview.error} />
  return (
    <Stack gap="sm" component="section" aria-labelledby="path-overview-heading">
      <Title order={2} size="h3" id="path-overview-heading">
        {t('path.overview.title')}
      </Title>
      <Group gap="sm">
        <Button onClick={() => invite.mutate()} loading={invite.isPending}>
          {t('path.overview.invite')}
        </Button>
        {!overview.data.practiceChannelId && (
          <Button variant="default" onClick={() => enable.mutate()} loading={enable.isPending}>
            {t('path.overview.enable')}
          </Button>
        )}
      </Group>
      {(invite.error || enable.error) && <ErrorAlert error={invite.error ?? enable.error} />}
      <ScrollTable minWidth={480} labelledBy="path-overview-heading">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('path.overview.member')}</Table.Th>
              <Table.Th scope="col">{t('path.overview.done')}</Table.Th>
              <Table.Th scope="col">{t('path.overview.next')}</Table.Th>
              <Table.Th scope="col">{t('path.overview.invitedCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.data.members.map((m) => {
              const next = m.steps.find((s) => !s.doneAt)?.step
              return (
                <Table.Tr key={m.userId}>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>{t('path.overview.count', { done: m.done, total: 5 })}</Table.Td>
                  <Table.Td>
                    {next ? (
                      t(`path.step.${next}.title`)
                    ) : (
                      <Badge color="green" variant="light">
                        {t('path.overview.finished')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.invitedAt ? t('path.overview.yes') : t('path.overview.no')}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  )
}

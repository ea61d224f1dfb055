import { Alert, Button, Group, Paper, Stack, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import {
  STRATEGY_SECTIONS,
  type StrategyOverview,
  type StrategySection,
} from '../../../core/schemas/strategy.js'
import { approveVersion, createVersion, strategyQuery } from '../../api/strategy.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { EditorProvider } from './fields.js'
import { PolicyDocument } from './policy-document.js'
import { SECTION_FORMS } from './section-forms.js'
import { StrategyNav } from './strategy-nav.js'
import { type SaveState, useAutosave } from './use-autosave.js'

export function StrategyBuilderPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const overview = useQuery(strategyQuery(libraryId))
  const write = can(membership.role, 'strategy.write')

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{t('strategy.builder.title')}</PageHeading>
        <Text className="prose">{t('strategy.builder.intro')}</Text>
      </Stack>
      <StrategyNav libraryId={libraryId} current="draft" />
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorAlert error={overview.error} />
      ) : write ? (
        <Builder libraryId={libraryId} overview={overview.data} />
      ) : (
        <Stack gap="md">
          <Alert role="note" variant="light" color="gray">
            {t('strategy.builder.readOnly')}
          </Alert>
          <PolicyDocument document={overview.data.draft.document} />
        </Stack>
      )}
    </Stack>
  )
}

function SaveStatus({
  state,
  savedAt,
  starter,
  onRetry,
}: {
  state: SaveState
  savedAt: string | null
  starter: boolean
  onRetry: () => void
}) {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const format = useFormat(useMembership(libraryId).timeZone)
  const text =
    state === 'saved'
      ? starter
        ? t('strategy.status.starter')
        : t('strategy.status.saved', { at: savedAt ? format.shortDateTime(savedAt) : '' })
      : t(`strategy.status.${state}`)
  return (
    <Group gap="sm" className="save-status">
      <Text
        role="status"
        aria-live="polite"
        fw={600}
        c={state === 'invalid' || state === 'error' ? 'red.8' : undefined}
      >
        {text}
      </Text>
      {state === 'error' && (
        <Button size="xs" variant="light" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Group>
  )
}

function sectionOf(path: string): StrategySection {
  return path.split('.')[0] as StrategySection
}

function Builder({ libraryId, overview }: { libraryId: string; overview: StrategyOverview }) {
  const { t } = useTranslation()
  const membership = useMembership(libraryId)
  const format = useFormat(membership.timeZone)
  const queryClient = useQueryClient()
  const editor = useAutosave(libraryId, overview.draft)
  const [section, setSection] = useState<StrategySection>('why')
  // Beside the form on a wide screen; above it, wrapping, on a narrow one.
  const wide = useMediaQuery('(min-width: 62em)', true)
  const [note, setNote] = useState('')
  const approve = can(membership.role, 'strategy.approve')
  const withErrors = new Set(Object.keys(editor.errors).map(sectionOf))
  const current = overview.current

  const makeVersion = useMutation({
    mutationFn: async ({ andApprove }: { andApprove: boolean }) => {
      if (!(await editor.saveNow())) throw new Error('not saved')
      const version = await createVersion(libraryId, {
        draftVersion: editor.version(),
        note: note.trim(),
      })
      return andApprove ? approveVersion(libraryId, version.id) : version
    },
    onSuccess: async (version) => {
      setNote('')
      // The approved rules change what the composer checks; everything of the library is refreshed.
      await queryClient.invalidateQueries({ queryKey: ['library', libraryId] })
      notify(
        version.approvedAt
          ? t('strategy.builder.approved', { n: version.number })
          : t('strategy.builder.versionMade', { n: version.number }),
      )
    },
  })
  // A save that did not go through is shown by the save status, not twice.
  const actionError =
    makeVersion.error instanceof Error && makeVersion.error.message === 'not saved'
      ? undefined
      : makeVersion.error

  const index = STRATEGY_SECTIONS.indexOf(section)
  const next = STRATEGY_SECTIONS[index + 1]
  const Form = SECTION_FORMS[section]

  return (
    <EditorProvider value={editor}>
      <Stack gap="lg">
        <SaveStatus
          state={editor.state}
          savedAt={editor.savedAt}
          starter={overview.draft.version === 0 && editor.savedAt === null}
          onRetry={() => void editor.saveNow()}
        />
        {editor.state === 'conflict' && (
          <Alert color="red" variant="light" role="alert" title={t('strategy.conflict.title')}>
            <Stack gap="sm">
              <Text size="sm">{t('strategy.conflict.body')}</Text>
              <Group>
                <Button onClick={() => void editor.reload()}>
                  {t('strategy.conflict.reload')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {editor.state === 'error' && <ErrorAlert error={editor.error} />}

        <Tabs
          value={section}
          onChange={(value) => value && setSection(value as StrategySection)}
          orientation={wide ? 'vertical' : 'horizontal'}
          keepMounted={false}
          styles={{ tabLabel: { textAlign: wide ? 'left' : undefined } }}
          variant="pills"
        >
          <Tabs.List aria-label={t('strategy.builder.sections')} miw={wide ? 220 : undefined}>
            {STRATEGY_SECTIONS.map((id, i) => (
              <Tabs.Tab key={id} value={id}>
                {`${i + 1}. ${t(`strategy.sections.${id}.title`)}`}
                {withErrors.has(id) && (
                  <Text span size="xs" fw={700} c="red.8" ml={6}>
                    {t('strategy.builder.needsFixing')}
                  </Text>
                )}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {STRATEGY_SECTIONS.map((id) => (
            <Tabs.Panel key={id} value={id} pl={wide ? 'xl' : 0} pt={wide ? 0 : 'lg'}>
              <Stack gap="lg" maw={760}>
                <Stack gap="xs">
                  <Title order={2} size="h3" id={`avsnitt-${id}`} tabIndex={-1}>
                    {t(`strategy.sections.${id}.title`)}
                  </Title>
                  <Text className="prose">{t(`strategy.sections.${id}.intro`)}</Text>
                </Stack>
                {id === section && <Form />}
                {next && id === section && (
                  <Group>
                    <Button
                      variant="default"
                      onClick={() => {
                        setSection(next)
                        // Keyboard and screen-reader users land at the start of the next part.
                        requestAnimationFrame(() =>
                          document.getElementById(`avsnitt-${next}`)?.focus(),
                        )
                      }}
                    >
                      {t('strategy.builder.next', { name: t(`strategy.sections.${next}.title`) })}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>

        <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="approve-heading">
          <Stack gap="sm" maw={640}>
            <Title order={2} size="h3" id="approve-heading">
              {t('strategy.builder.versionTitle')}
            </Title>
            <Text className="prose">
              {current
                ? t('strategy.builder.inForce', {
                    n: current.number,
                    at: format.date(current.approvedAt!),
                    by: current.approvedBy?.name ?? '',
                  })
                : t('strategy.builder.noneInForce')}
            </Text>
            <TextInput
              label={t('strategy.builder.note')}
              description={t('strategy.builder.noteHint')}
              value={note}
              maxLength={300}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <ErrorAlert error={actionError} />
            <Group>
              {approve && (
                <Button
                  onClick={() => makeVersion.mutate({ andApprove: true })}
                  loading={makeVersion.isPending}
                  disabled={editor.state === 'conflict' || editor.state === 'invalid'}
                >
                  {t('strategy.builder.approve')}
                </Button>
              )}
              <Button
                variant={approve ? 'default' : 'filled'}
                onClick={() => makeVersion.mutate({ andApprove: false })}
                loading={makeVersion.isPending}
                disabled={editor.state === 'conflict' || editor.state === 'invalid'}
              >
                {t('strategy.builder.makeVersion')}
              </Button>
            </Group>
            {!approve && <Text size="sm">{t('strategy.builder.approveByManager')}</Text>}
          </Stack>
        </Paper>
      </Stack>
    </EditorProvider>
  )
}

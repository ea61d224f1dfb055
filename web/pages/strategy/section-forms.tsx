import { SimpleGrid, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { StrategyDocument, StrategySection } from '../../../core/schemas/strategy.js'
import { DateField, NumberField, RowList, StringList, TextField } from './fields.js'
import { GoalMeasureField } from './goal-measure-field.js'
import { GuidelinesForm } from './guidelines-form.js'
import { ResponseTargetForm } from './response-target-form.js'

type Doc = StrategyDocument

function WhyForm() {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      <TextField path={['why', 'mission']} label={t('strategy.why.mission')} long />
      <StringList
        path={['why', 'strengths']}
        legend={t('strategy.why.strengths')}
        itemLabel={(n) => t('strategy.why.strength', { n })}
        addLabel={t('strategy.why.addStrength')}
      />
      <StringList
        path={['why', 'weaknesses']}
        legend={t('strategy.why.weaknesses')}
        itemLabel={(n) => t('strategy.why.weakness', { n })}
        addLabel={t('strategy.why.addWeakness')}
      />
    </Stack>
  )
}

function GoalsForm() {
  const { t } = useTranslation()
  return (
    <RowList<Doc['goals'][number]>
      path={['goals']}
      legend={t('strategy.goals.list')}
      itemLegend={(_, n) => t('strategy.goals.item', { n })}
      addLabel={t('strategy.goals.add')}
      firstField="goal"
      empty={() => ({
        goal: '',
        metric: '',
        target: null,
        unit: '',
        deadline: null,
        measure: null,
      })}
    >
      {(p) => (
        <>
          <TextField path={[...p, 'goal']} label={t('strategy.goals.goal')} />
          <TextField path={[...p, 'metric']} label={t('strategy.goals.metric')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberField
              path={[...p, 'target']}
              label={t('strategy.goals.target')}
              min={0}
              nullable
            />
            <TextField path={[...p, 'unit']} label={t('strategy.goals.unit')} />
            <DateField path={[...p, 'deadline']} label={t('strategy.goals.deadline')} />
          </SimpleGrid>
          <GoalMeasureField path={[...p, 'measure']} />
        </>
      )}
    </RowList>
  )
}

function AudiencesForm() {
  const { t } = useTranslation()
  return (
    <RowList<Doc['audiences'][number]>
      path={['audiences']}
      legend={t('strategy.audiences.list')}
      itemLegend={(a, n) => a.name || t('strategy.audiences.item', { n })}
      addLabel={t('strategy.audiences.add')}
      firstField="name"
      empty={() => ({ name: '', description: '', channels: [], tone: '' })}
    >
      {(p) => (
        <>
          <TextField path={[...p, 'name']} label={t('strategy.audiences.name')} />
          <TextField
            path={[...p, 'description']}
            label={t('strategy.audiences.description')}
            long
          />
          <StringList
            path={[...p, 'channels']}
            legend={t('strategy.audiences.channels')}
            itemLabel={(n) => t('strategy.audiences.channel', { n })}
            addLabel={t('strategy.audiences.addChannel')}
          />
          <TextField path={[...p, 'tone']} label={t('strategy.audiences.tone')} long />
        </>
      )}
    </RowList>
  )
}

function ChannelsForm() {
  const { t } = useTranslation()
  return (
    <RowList<Doc['channels'][number]>
      path={['channels']}
      legend={t('strategy.channels.list')}
      itemLegend={(c, n) => c.channel || t('strategy.channels.item', { n })}
      addLabel={t('strategy.channels.add')}
      firstField="channel"
      empty={() => ({ channel: '', why: '', forWhom: '', frequency: '' })}
    >
      {(p) => (
        <>
          <TextField path={[...p, 'channel']} label={t('strategy.channels.channel')} />
          <TextField path={[...p, 'why']} label={t('strategy.channels.why')} long />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField path={[...p, 'forWhom']} label={t('strategy.channels.forWhom')} />
            <TextField path={[...p, 'frequency']} label={t('strategy.channels.frequency')} />
          </SimpleGrid>
        </>
      )}
    </RowList>
  )
}

function PlanningForm() {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      <TextField path={['planning', 'rhythm']} label={t('strategy.planning.rhythm')} long />
      <TextField
        path={['planning', 'peaks']}
        label={t('strategy.planning.peaks')}
        description={t('strategy.planning.peaksHint')}
        long
      />
    </Stack>
  )
}

function ContentForm() {
  const { t } = useTranslation()
  const named = (key: 'pillars' | 'recipes') => (
    <RowList<{ name: string; description: string }>
      path={['content', key]}
      legend={t(`strategy.content.${key}`)}
      itemLegend={(item, n) => item.name || t(`strategy.content.${key}Item`, { n })}
      addLabel={t(`strategy.content.${key}Add`)}
      firstField="name"
      empty={() => ({ name: '', description: '' })}
    >
      {(p) => (
        <>
          <TextField path={[...p, 'name']} label={t('strategy.content.name')} />
          <TextField path={[...p, 'description']} label={t('strategy.content.description')} long />
        </>
      )}
    </RowList>
  )
  return (
    <Stack gap="xl">
      {named('pillars')}
      {named('recipes')}
    </Stack>
  )
}

function ResponsesForm() {
  const { t } = useTranslation()
  const field = (key: Exclude<keyof Doc['responses'], 'target'>, long = true) => (
    <TextField
      path={['responses', key]}
      label={t(`strategy.responses.${key}`)}
      description={t(`strategy.responses.${key}Hint`)}
      long={long}
    />
  )
  return (
    <Stack gap="lg">
      {field('responseTime', false)}
      <ResponseTargetForm />
      {field('whoAnswers')}
      {field('escalation')}
      {field('complaints')}
      {field('threats')}
      {field('personalMatters')}
    </Stack>
  )
}

function MeasurementForm() {
  const { t } = useTranslation()
  return (
    <RowList<Doc['measurement']['kpis'][number]>
      path={['measurement', 'kpis']}
      legend={t('strategy.measurement.list')}
      itemLegend={(k, n) => k.name || t('strategy.measurement.item', { n })}
      addLabel={t('strategy.measurement.add')}
      firstField="name"
      empty={() => ({ name: '', target: '', howOften: '' })}
    >
      {(p) => (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextField path={[...p, 'name']} label={t('strategy.measurement.name')} />
          <TextField path={[...p, 'target']} label={t('strategy.measurement.target')} />
          <TextField path={[...p, 'howOften']} label={t('strategy.measurement.howOften')} />
        </SimpleGrid>
      )}
    </RowList>
  )
}

function RolesForm() {
  const { t } = useTranslation()
  return (
    <RowList<Doc['roles'][number]>
      path={['roles']}
      legend={t('strategy.roles.list')}
      itemLegend={(r, n) => r.who || t('strategy.roles.item', { n })}
      addLabel={t('strategy.roles.add')}
      firstField="who"
      empty={() => ({ who: '', participate: '', respond: '', inform: '' })}
    >
      {(p) => (
        <>
          <TextField path={[...p, 'who']} label={t('strategy.roles.who')} />
          <TextField path={[...p, 'participate']} label={t('strategy.roles.participate')} long />
          <TextField path={[...p, 'respond']} label={t('strategy.roles.respond')} long />
          <TextField path={[...p, 'inform']} label={t('strategy.roles.inform')} long />
        </>
      )}
    </RowList>
  )
}

function VoiceForm() {
  const { t } = useTranslation()
  return (
    <Stack gap="xl">
      <RowList<Doc['voice']['perAudience'][number]>
        path={['voice', 'perAudience']}
        legend={t('strategy.voice.perAudience')}
        itemLegend={(v, n) => v.audience || t('strategy.voice.audienceItem', { n })}
        addLabel={t('strategy.voice.addAudience')}
        firstField="audience"
        empty={() => ({ audience: '', voice: '' })}
      >
        {(p) => (
          <>
            <TextField path={[...p, 'audience']} label={t('strategy.voice.audience')} />
            <TextField path={[...p, 'voice']} label={t('strategy.voice.voice')} long />
          </>
        )}
      </RowList>
      <StringList
        path={['voice', 'do']}
        legend={t('strategy.voice.do')}
        itemLabel={(n) => t('strategy.voice.doItem', { n })}
        addLabel={t('strategy.voice.addDo')}
      />
      <StringList
        path={['voice', 'dont']}
        legend={t('strategy.voice.dont')}
        itemLabel={(n) => t('strategy.voice.dontItem', { n })}
        addLabel={t('strategy.voice.addDont')}
      />
      <RowList<Doc['voice']['examples'][number]>
        path={['voice', 'examples']}
        legend={t('strategy.voice.examples')}
        itemLegend={(_, n) => t('strategy.voice.example', { n })}
        addLabel={t('strategy.voice.addExample')}
        firstField="text"
        empty={() => ({ text: '', comment: '' })}
      >
        {(p) => (
          <>
            <TextField path={[...p, 'text']} label={t('strategy.voice.exampleText')} long />
            <TextField path={[...p, 'comment']} label={t('strategy.voice.exampleComment')} />
          </>
        )}
      </RowList>
    </Stack>
  )
}

export const SECTION_FORMS: Record<StrategySection, () => React.JSX.Element> = {
  why: WhyForm,
  goals: GoalsForm,
  audiences: AudiencesForm,
  channels: ChannelsForm,
  planning: PlanningForm,
  content: ContentForm,
  responses: ResponsesForm,
  measurement: MeasurementForm,
  roles: RolesForm,
  voice: VoiceForm,
  guidelines: GuidelinesForm,
}

import { Fieldset, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Audience, ForbiddenEntry, RuleConfigs } from '../../../core/guidelines/policy.js'
import {
  CheckField,
  NumberField,
  RowList,
  SelectField,
  StringList,
  TextField,
  useEditor,
} from './fields.js'
import type { Texts } from '../../i18n/keys.js'

type RuleId = keyof RuleConfigs

const RULES: RuleId[] = [
  'length',
  'image-alt',
  'personal-data',
  'hashtags',
  'emoji-count',
  'url-shortener',
  'bare-url',
  'forbidden-words',
  'tone',
  'readability',
  'conversation-starter',
  'skyltfonster',
]

/** The thresholds worth adjusting per rule; the rest keep their defaults. */
function RuleSettings({ id }: { id: RuleId }) {
  const { t } = useTranslation()
  const p = ['guidelines', 'rules', id] as const
  const label = (key: keyof Texts['strategy']['rules']['settings']) =>
    t(`strategy.rules.settings.${key}`)
  switch (id) {
    case 'length':
      return (
        <NumberField
          path={[...p, 'nearRatio']}
          label={label('nearRatio')}
          min={0}
          max={1}
          step={0.05}
        />
      )
    case 'hashtags':
      return (
        <>
          <NumberField path={[...p, 'maxCount']} label={label('maxHashtags')} min={0} max={30} />
          <CheckField path={[...p, 'requireLast']} label={label('requireLast')} />
        </>
      )
    case 'emoji-count':
      return <NumberField path={[...p, 'maxCount']} label={label('maxEmojis')} min={0} max={100} />
    case 'url-shortener':
      return (
        <StringList
          path={[...p, 'extraHosts']}
          legend={label('extraHosts')}
          itemLabel={(n) => t('strategy.rules.settings.extraHost', { n })}
          addLabel={label('addExtraHost')}
        />
      )
    case 'personal-data':
      return (
        <>
          <CheckField path={[...p, 'identityNumbers']} label={label('identityNumbers')} />
          <CheckField path={[...p, 'phoneNumbers']} label={label('phoneNumbers')} />
          <CheckField path={[...p, 'emailAddresses']} label={label('emailAddresses')} />
        </>
      )
    case 'tone':
      return (
        <StringList
          path={[...p, 'slang']}
          legend={label('slang')}
          itemLabel={(n) => t('strategy.rules.settings.slangWord', { n })}
          addLabel={label('addSlang')}
        />
      )
    case 'readability':
      return (
        <NumberField
          path={[...p, 'maxSentenceWords']}
          label={label('maxSentenceWords')}
          min={5}
          max={200}
        />
      )
    case 'skyltfonster':
      return (
        <NumberField
          path={[...p, 'maxPromotionalShare']}
          label={label('maxPromotionalShare')}
          min={0}
          max={1}
          step={0.05}
        />
      )
    default:
      return null
  }
}

function Rule({ id }: { id: RuleId }) {
  const { t } = useTranslation()
  const { doc } = useEditor()
  const name = t(`strategy.rules.names.${id}`)
  const enabled = doc.guidelines.rules[id].enabled
  const severities = (['block', 'warn', 'hint'] as const).map((value) => ({
    value,
    label: t(`strategy.rules.severity.${value}`),
  }))
  return (
    <Fieldset legend={name} radius="md">
      <Stack gap="sm">
        <Text size="sm">{t(`strategy.rules.why.${id}`)}</Text>
        <CheckField
          path={['guidelines', 'rules', id, 'enabled']}
          label={t('strategy.rules.enabled', { name })}
        />
        {enabled && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SelectField
              path={['guidelines', 'rules', id, 'severity']}
              label={t('strategy.rules.severityLabel', { name })}
              data={severities}
            />
          </SimpleGrid>
        )}
        {enabled && <RuleSettings id={id} />}
      </Stack>
    </Fieldset>
  )
}

function Part({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {title}
      </Title>
      <Text size="sm" className="prose">
        {intro}
      </Text>
      {children}
    </Stack>
  )
}

function newAudienceId(existing: Audience[]): string {
  let n = existing.length + 1
  while (existing.some((a) => a.id === `malgrupp-${n}`)) n++
  return `malgrupp-${n}`
}

export function GuidelinesForm() {
  const { t } = useTranslation()
  const { doc, update } = useEditor()
  const g = doc.guidelines
  return (
    <Stack gap="xl">
      <Part title={t('strategy.rules.forbiddenTitle')} intro={t('strategy.rules.forbiddenIntro')}>
        <RowList<ForbiddenEntry>
          path={['guidelines', 'forbiddenWords']}
          legend={t('strategy.rules.forbiddenList')}
          itemLegend={(f, n) => f.phrase || t('strategy.rules.forbiddenItem', { n })}
          addLabel={t('strategy.rules.forbiddenAdd')}
          firstField="phrase"
          headingOrder={4}
          empty={() => ({ phrase: '', reason: '', instead: '', exact: false })}
        >
          {(p) => (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField path={[...p, 'phrase']} label={t('strategy.rules.phrase')} />
                <TextField path={[...p, 'instead']} label={t('strategy.rules.instead')} />
              </SimpleGrid>
              <TextField path={[...p, 'reason']} label={t('strategy.rules.reason')} />
              <CheckField
                path={[...p, 'exact']}
                label={t('strategy.rules.exact')}
                description={t('strategy.rules.exactHint')}
              />
            </>
          )}
        </RowList>
      </Part>

      <Part title={t('strategy.rules.contactsTitle')} intro={t('strategy.rules.contactsIntro')}>
        <StringList
          path={['guidelines', 'allowedContacts']}
          legend={t('strategy.rules.contactsList')}
          itemLabel={(n) => t('strategy.rules.contact', { n })}
          addLabel={t('strategy.rules.contactsAdd')}
        />
      </Part>

      <Part title={t('strategy.rules.audiencesTitle')} intro={t('strategy.rules.audiencesIntro')}>
        <RowList<Audience>
          path={['guidelines', 'audiences']}
          legend={t('strategy.rules.audiencesList')}
          itemLegend={(a, n) => a.label.sv || t('strategy.rules.audienceItem', { n })}
          addLabel={t('strategy.rules.audiencesAdd')}
          firstField="label-sv"
          headingOrder={4}
          minItems={1}
          empty={() => ({
            id: newAudienceId(g.audiences),
            label: { sv: '', en: '' },
            lixMax: 45,
            formal: false,
            maxEmojis: null,
            maxExclamations: null,
            flagAllCaps: true,
          })}
          onRemove={(remaining) => {
            if (!remaining.some((a) => a.id === g.defaultAudience) && remaining[0])
              update(['guidelines', 'defaultAudience'], remaining[0].id)
          }}
        >
          {(p) => (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField path={[...p, 'label', 'sv']} label={t('strategy.rules.labelSv')} />
                <TextField path={[...p, 'label', 'en']} label={t('strategy.rules.labelEn')} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberField
                  path={[...p, 'lixMax']}
                  label={t('strategy.rules.lixMax')}
                  description={t('strategy.rules.lixHint')}
                  min={10}
                  max={100}
                />
                <NumberField
                  path={[...p, 'maxEmojis']}
                  label={t('strategy.rules.maxEmojis')}
                  description={t('strategy.rules.emptyMeansAny')}
                  min={0}
                  nullable
                />
                <NumberField
                  path={[...p, 'maxExclamations']}
                  label={t('strategy.rules.maxExclamations')}
                  description={t('strategy.rules.emptyMeansAny')}
                  min={0}
                  nullable
                />
              </SimpleGrid>
              <CheckField path={[...p, 'formal']} label={t('strategy.rules.formal')} />
              <CheckField path={[...p, 'flagAllCaps']} label={t('strategy.rules.flagAllCaps')} />
            </>
          )}
        </RowList>
        <SelectField
          path={['guidelines', 'defaultAudience']}
          label={t('strategy.rules.defaultAudience')}
          data={g.audiences.map((a) => ({ value: a.id, label: a.label.sv || a.id }))}
        />
      </Part>

      <Part title={t('strategy.rules.rulesTitle')} intro={t('strategy.rules.rulesIntro')}>
        {RULES.map((id) => (
          <Rule key={id} id={id} />
        ))}
      </Part>
    </Stack>
  )
}

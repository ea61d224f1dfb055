import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Audience, Finding, Severity } from '../../../core/guidelines/index.js'
import type { Locale } from '../../../core/locale.js'
import { StatusIcon, type Tone } from '../../components/status-label.js'
import type { PlacedFinding } from './findings.js'

export const FINDINGS_ID = 'guideline-findings'
export const BLOCKING_HEADING_ID = 'findings-block'
const SEVERITIES: Severity[] = ['block', 'warn', 'hint']
const TONE: Record<Severity, Tone> = { block: 'bad', warn: 'warn', hint: 'neutral' }
const BORDER: Record<Severity, string> = {
  block: 'var(--mantine-color-red-7)',
  warn: 'var(--mantine-color-orange-8)',
  hint: 'var(--mantine-color-gray-5)',
}
const PAUSE_MS = 1500

type Props = {
  findings: PlacedFinding[]
  /** Said plainly at the top: no approved policy yet, the defaults apply. */
  policyNote: Finding | undefined
  status: 'pending' | 'error' | 'success'
  source: 'default' | 'approved' | undefined
  audiences: Audience[]
  audience: string | undefined
  onAudience: (id: string) => void
  locale: Locale
  onShow: (finding: PlacedFinding) => void
  onFix: (finding: PlacedFinding) => void
}

/** What the library's policy says about the draft, as it is written: what stops it, warnings, tips. */
export function GuidelineFindings(props: Props) {
  const { t } = useTranslation()
  const { findings, policyNote, status, source, audiences, audience } = props
  return (
    <Stack gap="sm" component="section" aria-labelledby="guidelines-heading" id={FINDINGS_ID}>
      <Title order={2} size="h4" id="guidelines-heading">
        {t('guidelines.heading')}
      </Title>
      {status === 'pending' && <Text size="sm">{t('guidelines.loading')}</Text>}
      {status === 'error' && <Text size="sm">{t('guidelines.loadFailed')}</Text>}
      {policyNote && (
        <Alert role="note" variant="light" color="gray" p="sm">
          <Text size="sm">{policyNote.message}</Text>
          <Why why={policyNote.why} />
        </Alert>
      )}
      {source === 'approved' && (
        <Text size="sm" c="dimmed">
          {t('guidelines.approved')}
        </Text>
      )}
      {audiences.length > 0 && (
        <NativeSelect
          label={t('guidelines.audience')}
          description={t('guidelines.audienceHint')}
          value={audience}
          onChange={(event) => props.onAudience(event.currentTarget.value)}
          data={audiences.map((a) => ({ value: a.id, label: a.label[props.locale] }))}
          maw={320}
        />
      )}
      {status !== 'pending' && findings.length === 0 && (
        <Group gap={6} wrap="nowrap">
          <StatusIcon tone="ok" size={16} />
          <Text size="sm">{t('guidelines.none')}</Text>
        </Group>
      )}
      {SEVERITIES.map((severity) => {
        const group = findings.filter((f) => f.severity === severity)
        if (group.length === 0) return null
        return (
          <Stack gap={6} key={severity}>
            <Group gap={6} wrap="nowrap">
              <StatusIcon tone={TONE[severity]} size={18} />
              <Title order={3} size="h6" id={`findings-${severity}`} tabIndex={-1}>
                {t(`guidelines.severity.${severity}`)} ({group.length})
              </Title>
            </Group>
            <Stack
              component="ul"
              gap={6}
              aria-labelledby={`findings-${severity}`}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {group.map((finding) => (
                <FindingItem key={finding.key} finding={finding} {...props} />
              ))}
            </Stack>
          </Stack>
        )
      })}
      <FindingsAnnouncer findings={findings} ready={status !== 'pending'} />
    </Stack>
  )
}

function FindingItem({
  finding,
  onShow,
  onFix,
}: Pick<Props, 'onShow' | 'onFix'> & { finding: PlacedFinding }) {
  const { t } = useTranslation()
  const id = `finding-${finding.key.replace(/[^\w-]/g, '-')}`
  const showable = finding.range !== undefined || finding.image !== undefined
  return (
    <Paper
      component="li"
      withBorder
      p="xs"
      radius="sm"
      style={{ borderLeft: `4px solid ${BORDER[finding.severity]}` }}
    >
      <Text size="sm" fw={500} id={`${id}-message`}>
        {finding.message}
      </Text>
      {finding.channel && (
        <Text size="xs" c="dimmed">
          {t('guidelines.inChannel', { name: finding.channel })}
        </Text>
      )}
      {finding.note && (
        <Text size="xs" c="dimmed">
          {finding.note}
        </Text>
      )}
      {(showable || finding.fix) && (
        <Group gap="xs" mt={4}>
          {finding.fix && (
            <Button
              variant="light"
              size="compact-sm"
              onClick={() => onFix(finding)}
              aria-describedby={`${id}-message`}
            >
              {finding.fix.label}
            </Button>
          )}
          {showable && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => onShow(finding)}
              aria-describedby={`${id}-message`}
            >
              {finding.image !== undefined ? t('guidelines.showAlt') : t('guidelines.show')}
            </Button>
          )}
        </Group>
      )}
      <Why why={finding.why} describedBy={`${id}-message`} />
    </Paper>
  )
}

/** The reason, folded away until asked for: most people need it once. */
function Why({ why, describedBy }: { why: string; describedBy?: string }) {
  const { t } = useTranslation()
  return (
    <details className="finding-why">
      <summary aria-describedby={describedBy}>
        <Text span size="sm">
          {t('guidelines.why')}
        </Text>
      </summary>
      <Text size="sm" mt={4} className="prose">
        {why}
      </Text>
    </details>
  )
}

/**
 * Tells screen reader users how many findings there are once they pause
 * typing, and only when the counts changed: never on every keystroke.
 */
function FindingsAnnouncer({ findings, ready }: { findings: PlacedFinding[]; ready: boolean }) {
  const { t } = useTranslation()
  const parts = SEVERITIES.map((severity) => {
    const count = findings.filter((f) => f.severity === severity).length
    return count > 0 ? t(`guidelines.count.${severity}`, { count }) : undefined
  }).filter(Boolean)
  const summary = !ready
    ? ''
    : t('guidelines.summary', {
        list: parts.length > 0 ? parts.join(', ') : t('guidelines.nothing'),
      })
  const [settled] = useDebouncedValue(summary, PAUSE_MS)
  const heard = useRef<string | undefined>(undefined)
  const [spoken, setSpoken] = useState('')

  useEffect(() => {
    if (!settled) return
    // The counts as the page opened are on screen to read; only changes are told.
    if (heard.current === undefined) heard.current = settled
    else if (settled !== heard.current) {
      heard.current = settled
      setSpoken(settled)
    }
  }, [settled])

  return (
    <div aria-live="polite" className="visually-hidden">
      {spoken}
    </div>
  )
}

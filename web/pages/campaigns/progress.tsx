import { Progress, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CampaignProgress } from '../../../core/schemas/campaign.js'

/** One line for the list: written, approved, scheduled, published (and failed, when any). */
export function ProgressSummary({ progress }: { progress: CampaignProgress }) {
  const { t } = useTranslation()
  if (progress.slots === 0) return <Text size="sm">{t('campaigns.progress.none')}</Text>
  const parts = [
    t('campaigns.progress.filled', { count: progress.filled, total: progress.slots }),
    t('campaigns.progress.approved', { count: progress.approved }),
    t('campaigns.progress.scheduled', { count: progress.scheduled }),
    t('campaigns.progress.published', { count: progress.published }),
    ...(progress.failed > 0 ? [t('campaigns.progress.failed', { count: progress.failed })] : []),
  ]
  return <Text size="sm">{parts.join(' · ')}</Text>
}

/** The campaign page's view: a bar per step, each with its count in words. */
export function ProgressBars({ progress }: { progress: CampaignProgress }) {
  const { t } = useTranslation()
  const rows = [
    ['filled', progress.filled],
    ['approved', progress.approved],
    ['scheduled', progress.scheduled],
    ['published', progress.published],
  ] as const
  return (
    <Stack gap="sm" component="ul" className="plain-list">
      {rows.map(([key, count]) => {
        const label = t(`campaigns.progress.${key}Of`, { count, total: progress.slots })
        return (
          <li key={key}>
            <Text size="sm" aria-hidden="true">
              {label}
            </Text>
            <Progress
              value={progress.slots ? Math.round((count / progress.slots) * 100) : 0}
              aria-label={label}
              size="md"
              mt={4}
            />
          </li>
        )
      })}
      {progress.failed > 0 && (
        <li>
          <Text size="sm" c="red.8" fw={600}>
            {t('campaigns.progress.failed', { count: progress.failed })}
          </Text>
        </li>
      )}
    </Stack>
  )
}

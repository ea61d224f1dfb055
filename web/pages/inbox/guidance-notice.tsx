import { Alert, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { guidanceTopics, READABLE_ALERT } from './item-facts.js'

/**
 * The policy's own words for a personal matter, a complaint, a threat or an
 * item flagged to the Ansvarig, above everything else: read before answering.
 */
export function GuidanceNotice({ detail }: { detail: InboxItemDetail }) {
  const { t } = useTranslation()
  const topics = guidanceTopics(detail.item).filter((topic) => detail.guidance[topic].trim())
  if (topics.length === 0) return null
  return (
    <Stack gap="xs">
      {topics.map((topic) => (
        <Alert
          key={topic}
          variant="light"
          color={topic === 'threats' ? 'red' : 'orange'}
          title={t(`inbox.guidance.${topic}`)}
          styles={READABLE_ALERT}
          role="note"
        >
          <Text size="sm" className="prose" style={{ whiteSpace: 'pre-wrap' }}>
            {detail.guidance[topic]}
          </Text>
        </Alert>
      ))}
    </Stack>
  )
}

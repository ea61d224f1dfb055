import { Badge, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxItem } from '../../../core/schemas/inbox.js'
import { StatusLabel } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { dueStatus, STATE_TONE } from './item-facts.js'

/** State, due time, question, flag, assignee and tags: what decides who answers next. */
export function ItemBadges({ item, now }: { item: InboxItem; now: number }) {
  const { t } = useTranslation()
  const format = useFormat()
  const due = dueStatus(item, now)
  return (
    <Group gap="xs" wrap="wrap">
      <StatusLabel tone={STATE_TONE[item.state]}>{t(`inbox.state.${item.state}`)}</StatusLabel>
      {due && (
        <StatusLabel tone={due.kind === 'overdue' ? 'bad' : 'waiting'}>
          {t(`inbox.item.${due.kind}`, { time: format.shortDateTime(due.at) })}
        </StatusLabel>
      )}
      {item.hasQuestion && (
        <Badge variant="light" color="torget" tt="none">
          {t('inbox.item.question')}
        </Badge>
      )}
      {item.flagged && (
        <Badge variant="filled" color="red.8" tt="none">
          {t('inbox.item.flagged')}
        </Badge>
      )}
      <Text size="sm" c="gray.8">
        {item.assignee
          ? t('inbox.item.assignedTo', { name: item.assignee.name })
          : t('inbox.item.unassigned')}
      </Text>
      {item.tags.map((tag) => (
        <Badge key={tag.id} variant="outline" color="gray.8" tt="none">
          {tag.name}
        </Badge>
      ))}
    </Group>
  )
}

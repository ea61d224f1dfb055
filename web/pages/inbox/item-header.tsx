import { Anchor, Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxItem } from '../../../core/schemas/inbox.js'
import { networkName, atHandle } from '../../components/network.js'
import { useFormat } from '../../i18n/format.js'
import { ItemBadges } from './item-badges.js'

export const ITEM_HEADING_ID = 'inbox-item-heading'

/** Who wrote what, where and when; what happened to it on the network since. */
export function ItemHeader({ item, now }: { item: InboxItem; now: number }) {
  const { t } = useTranslation()
  const format = useFormat()
  const network = networkName(item.channel.network)
  return (
    <Stack gap="xs">
      <Title order={2} size="h3" id={ITEM_HEADING_ID} tabIndex={-1}>
        {t('inbox.item.title', {
          kind: t(`inbox.kind.${item.kind}`),
          name: item.author.displayName || atHandle(item.author.handle),
        })}
      </Title>
      <Text size="sm" c="gray.8">
        <Anchor href={item.author.profileUrl} target="_blank" rel="noreferrer" underline="always">
          {atHandle(item.author.handle)}
        </Anchor>{' '}
        ·{' '}
        {item.author.seenBefore > 0
          ? t('inbox.item.seenBefore', { count: item.author.seenBefore })
          : t('inbox.item.firstTime')}
      </Text>
      <Text size="sm" c="gray.8">
        {t('inbox.item.where', { network, handle: atHandle(item.channel.handle) })} ·{' '}
        <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
      </Text>
      <ItemBadges item={item} now={now} />
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.text}</Text>
      {item.editedAt && (
        <Text size="sm" c="gray.8">
          {t('inbox.item.edited', { time: format.dateTime(item.editedAt) })}
        </Text>
      )}
      {item.deletedAt && (
        <Text size="sm" c="red.8">
          {t('inbox.item.deleted', { time: format.dateTime(item.deletedAt) })}
        </Text>
      )}
      {item.moderatedAt && (
        <Text size="sm" c="gray.8">
          {t('inbox.item.moderated', { time: format.dateTime(item.moderatedAt) })}
        </Text>
      )}
      <Group gap="md">
        {/* Övningskanalen has no page outside Torget to open. */}
        {!item.deletedAt && item.url && (
          <Anchor href={item.url} target="_blank" rel="noreferrer" size="sm">
            {t('inbox.item.openOnNetwork', { network })}
          </Anchor>
        )}
        {item.subject?.url && (
          <Anchor href={item.subject.url} target="_blank" rel="noreferrer" size="sm">
            {t('inbox.item.openSubject')}
          </Anchor>
        )}
      </Group>
      {item.subject && (
        <Text size="sm" c="gray.8" lineClamp={2}>
          {t('inbox.item.onPost', { text: item.subject.text })}
        </Text>
      )}
    </Stack>
  )
}

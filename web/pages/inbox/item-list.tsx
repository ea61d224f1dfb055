import { Button, Paper, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { InboxItem } from '../../../core/schemas/inbox.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { networkName, atHandle } from '../../components/network.js'
import { useFormat } from '../../i18n/format.js'
import type { InboxSearch } from './inbox-search.js'
import { ItemBadges } from './item-badges.js'

export const itemLinkId = (itemId: string) => `inbox-item-${itemId}`

type Props = {
  libraryId: string
  search: InboxSearch
  items: InboxItem[]
  openId: string | undefined
  now: number
  hasMore: boolean
  loadingMore: boolean
  onMore: () => void
}

/** Every item, newest first; the open one is marked for eyes and for screen readers. */
export function ItemList({
  libraryId,
  search,
  items,
  openId,
  now,
  hasMore,
  loadingMore,
  onMore,
}: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <Stack gap="sm">
      <Stack component="ol" gap="xs" className="plain-list" aria-label={t('inbox.list.label')}>
        {items.map((item) => {
          const open = item.id === openId
          return (
            <Paper
              component="li"
              key={item.id}
              withBorder
              p="sm"
              radius="md"
              style={open ? { borderLeft: '4px solid var(--mantine-color-torget-7)' } : undefined}
              bg={open ? 'torget.0' : undefined}
            >
              <Stack gap={4}>
                <AnchorLink
                  id={itemLinkId(item.id)}
                  to="/bibliotek/$libraryId/inkorg"
                  params={{ libraryId }}
                  search={{ ...search, arende: item.id }}
                  aria-current={open ? 'true' : undefined}
                  fw={700}
                >
                  {t('inbox.item.title', {
                    kind: t(`inbox.kind.${item.kind}`),
                    name: item.author.displayName || atHandle(item.author.handle),
                  })}
                </AnchorLink>
                <Text size="xs" c="gray.8">
                  {networkName(item.channel.network)} {atHandle(item.channel.handle)} ·{' '}
                  <time dateTime={item.createdAt}>{format.shortDateTime(item.createdAt)}</time>
                </Text>
                <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                  {item.text}
                </Text>
                {item.subject && (
                  <Text size="xs" c="gray.8" lineClamp={1}>
                    {t('inbox.item.onPost', { text: item.subject.text })}
                  </Text>
                )}
                <ItemBadges item={item} now={now} />
              </Stack>
            </Paper>
          )
        })}
      </Stack>
      {hasMore && (
        <Button variant="default" onClick={onMore} loading={loadingMore}>
          {t('inbox.list.more')}
        </Button>
      )}
    </Stack>
  )
}

import { Badge, Button, Group, Popover, Stack, Text, Title, UnstyledButton } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Notification } from '../../core/schemas/index.js'
import {
  markAllNotificationsRead,
  markNotificationRead,
  notificationsQuery,
} from '../api/notifications.js'
import { useFormat } from '../i18n/format.js'
import { LineIcon } from './icons.js'
import { AnchorLink } from './links/anchor-link.js'

const HEADING_ID = 'notifications-heading'

const BELL = 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20.5a2 2 0 0 0 4 0'

/** These tell a member about their own path: they open Min väg. */
const PATH_KINDS = new Set<Notification['kind']>(['path_invited', 'path_stuck', 'policy_approved'])

/**
 * The bell in the header: how many notifications are unread, and the latest
 * of them in a dialog, each leading to its post (or to Min väg). Unread is
 * said in words as well as shown in bold.
 */

export function NotificationBell() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [opened, setOpened] = useState(false)
  const list = useQuery(notificationsQuery)
  const unread = list.data?.unread ?? 0
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsQuery.queryKey })
  const readOne = useMutation({ mutationFn: markNotificationRead, onSettled: refresh })
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSettled: refresh })

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      trapFocus
      returnFocus
      withinPortal={false}
    >
      <Popover.Target>
        <UnstyledButton
          className="header-button"
          onClick={() => {
            setOpened((o) => !o)
            if (!opened) void refresh()
          }}
          aria-label={t('approval.bell.label', { count: unread })}
          aria-expanded={opened}
          aria-haspopup="dialog"
        >
          <Group gap={4} wrap="nowrap">
            <LineIcon d={BELL} size={22} />
            {unread > 0 && (
              // A circle holds one digit; wider counts ("12", "99+") get a pill, not an ellipsis.
              <Badge color="red" variant="filled" size="sm" circle={unread < 10} aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </Badge>
            )}
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-labelledby={HEADING_ID} p="md">
        <Stack gap="sm">
          <Group justify="space-between" gap="sm">
            <Title order={2} size="h4" id={HEADING_ID}>
              {t('approval.bell.title')}
            </Title>
            {unread > 0 && (
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => readAll.mutate()}
                loading={readAll.isPending}
              >
                {t('approval.bell.readAll')}
              </Button>
            )}
          </Group>
          {list.isError ? (
            <Text size="sm">{t('approval.bell.loadFailed')}</Text>
          ) : list.data && list.data.items.length === 0 ? (
            <Text size="sm">{t('approval.bell.empty')}</Text>
          ) : (
            <Stack
              component="ul"
              gap={4}
              className="plain-list"
              mah={420}
              style={{ overflowY: 'auto' }}
            >
              {list.data?.items.map((n) => (
                <NotificationItem
                  key={n.id}
                  notification={n}
                  onOpen={() => {
                    setOpened(false)
                    if (!n.readAt) readOne.mutate(n.id)
                  }}
                />
              ))}
            </Stack>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}

function NotificationItem({
  notification: n,
  onOpen,
}: {
  notification: Notification
  onOpen: () => void
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const what = t(`approval.bell.kind.${n.kind}`, { who: n.actorName ?? t('approval.bell.someone') })
  const unread = n.readAt === null
  return (
    <li style={{ padding: '6px 4px', borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Stack gap={2}>
        {n.postId ? (
          <AnchorLink
            to="/bibliotek/$libraryId/inlagg/$postId"
            params={{ libraryId: n.libraryId, postId: n.postId }}
            size="sm"
            fw={unread ? 700 : 400}
            onClick={onOpen}
          >
            {unread && <span className="visually-hidden">{t('approval.bell.unread')}: </span>}
            {what}
          </AnchorLink>
        ) : PATH_KINDS.has(n.kind) ? (
          <AnchorLink
            to="/bibliotek/$libraryId/min-vag"
            params={{ libraryId: n.libraryId }}
            size="sm"
            fw={unread ? 700 : 400}
            onClick={onOpen}
          >
            {unread && <span className="visually-hidden">{t('approval.bell.unread')}: </span>}
            {what}
          </AnchorLink>
        ) : (
          <Text size="sm" fw={unread ? 700 : 400}>
            {what}
          </Text>
        )}
        {n.excerpt && (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            ”{n.excerpt}”
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {n.libraryName} · {format.shortDateTime(n.createdAt)}
          {unread && <span aria-hidden="true"> · {t('approval.bell.unread')}</span>}
        </Text>
      </Stack>
    </li>
  )
}

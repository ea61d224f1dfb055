import { Grid, Paper, Stack, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useNavigate, useParams, useSearch } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { inboxCountsQuery, inboxItemsQuery, type InboxFilters as Filters } from '../../api/inbox.js'
import { useMembership, useRequiredSession } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { InboxSubnav } from '../inbox-settings/inbox-subnav.js'
import { AnnouncerProvider, useAnnounce } from './announcer.js'
import { InboxFilters } from './inbox-filters.js'
import type { InboxSearch } from './inbox-search.js'
import { ItemDetail } from './item-detail.js'
import { neighbour } from './item-facts.js'
import { ItemList, itemLinkId } from './item-list.js'
import { REPLY_FIELD_ID } from './reply-checks.js'
import { useInboxKeys } from './use-inbox-keys.js'
import { useInboxStream } from './use-inbox-stream.js'
import { isItemChanged, usePatchItem } from './use-patch-item.js'

const ROUTE = '/signed-in/bibliotek/$libraryId/inkorg'

function toFilters(search: InboxSearch): Filters {
  return {
    channel: search.kanal,
    state: search.lage,
    tag: search.tagg,
    assignee: search.tilldelad,
    question: search.fraga === 'ja' ? 'yes' : search.fraga === 'nej' ? 'no' : undefined,
    flagged: search.flaggad === 'ja' ? 'yes' : undefined,
    q: search.sok,
  }
}

/** Inkorg: what the public wrote to the library, to share out and answer. */
export function InboxPage() {
  return (
    <AnnouncerProvider>
      <Inbox />
    </AnnouncerProvider>
  )
}

function Inbox() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const search = useSearch({ from: ROUTE })
  const navigate = useNavigate({ from: '/bibliotek/$libraryId/inkorg' })
  const session = useRequiredSession()
  const role = useMembership(libraryId).role
  const announce = useAnnounce()
  const list = useInfiniteQuery(inboxItemsQuery(libraryId, toFilters(search)))
  const counts = useQuery(inboxCountsQuery(libraryId)).data
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const openId = search.arende
  const now = useNow()
  useInboxStream(libraryId, openId, session.user.id)
  const markDone = usePatchItem(libraryId, openId ?? '')
  // Below Mantine's md breakpoint (a phone, or a window zoomed to 400 %) the detail would come
  // after the whole list, out of sight: an open item takes the page, with a way back to the list.
  const wide = useMediaQuery('(min-width: 62em)', true) ?? true
  const detailOnly = !wide && Boolean(openId)
  const lastOpen = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (detailOnly) {
      lastOpen.current = openId
      window.scrollTo({ top: 0 })
    } else if (lastOpen.current) {
      // Back in the list, the item just read keeps the focus (and comes into view).
      document.getElementById(itemLinkId(lastOpen.current))?.focus()
      lastOpen.current = undefined
    }
  }, [detailOnly, openId])

  const setSearch = (next: Partial<InboxSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true })

  useInboxKeys({
    move: (step) => {
      const ids = items.map((item) => item.id)
      const id = neighbour(ids, openId, step)
      if (!id) return
      // On a narrow screen the list is out of sight: ItemDetail focuses the item's heading instead.
      void navigate({ search: (prev) => ({ ...prev, arende: id }) }).then(() => {
        document.getElementById(itemLinkId(id))?.focus()
      })
      const item = items.find((i) => i.id === id)!
      announce(
        t('inbox.keys.position', {
          index: ids.indexOf(id) + 1,
          total: ids.length,
          name: item.author.displayName,
        }),
      )
    },
    reply: () => {
      const field = document.getElementById(REPLY_FIELD_ID)
      if (field) field.focus()
      else announce(t(openId ? 'inbox.keys.noReply' : 'inbox.keys.noItem'))
    },
    done: () => {
      if (!openId) return announce(t('inbox.keys.noItem'))
      if (!can(role, 'inbox.answer')) return announce(t('inbox.reply.cannot'))
      markDone.mutate(
        { state: 'done' },
        {
          onSuccess: () => announce(t('inbox.triage.markedDone')),
          onError: (error) =>
            announce(isItemChanged(error.cause) ? t('inbox.keys.changed') : t('errors.unknown')),
        },
      )
    },
  })

  const detail = openId ? (
    <ItemDetail
      key={openId}
      libraryId={libraryId}
      itemId={openId}
      role={role}
      me={session.user}
      now={now}
      focusHeading={detailOnly}
    />
  ) : null
  if (detailOnly)
    return (
      <Stack gap="md">
        <PageHeading>{t('inbox.heading')}</PageHeading>
        <AnchorLink
          to="/bibliotek/$libraryId/inkorg"
          params={{ libraryId }}
          search={{ ...search, arende: undefined }}
          // The list comes back where the item just read is, not at its top.
          resetScroll={false}
        >
          {t('inbox.list.backToList')}
        </AnchorLink>
        {detail}
      </Stack>
    )

  return (
    <Stack gap="md">
      <PageHeading>{t('inbox.heading')}</PageHeading>
      <InboxSubnav libraryId={libraryId} />
      <Text className="prose">{t('inbox.intro')}</Text>
      <Text size="sm" c="gray.8">
        {t('inbox.shortcuts')}
      </Text>
      <InboxFilters
        key={search.sok ?? ''}
        libraryId={libraryId}
        search={search}
        counts={counts}
        onChange={setSearch}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          {list.isPending && <Loading />}
          <ErrorAlert error={list.error} />
          {list.data && items.length === 0 && (
            <Text>
              {Object.values(toFilters(search)).some((value) => value !== undefined)
                ? t('inbox.list.empty')
                : t('inbox.list.emptyAll')}
            </Text>
          )}
          <ItemList
            libraryId={libraryId}
            search={search}
            items={items}
            openId={openId}
            now={now}
            hasMore={list.hasNextPage}
            loadingMore={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
          />
        </Grid.Col>
        {wide && (
          <Grid.Col span={{ base: 12, md: 7 }}>
            {detail || (
              <Paper withBorder p="lg" radius="md">
                <Text>{t('inbox.list.selectHint')}</Text>
              </Paper>
            )}
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  )
}

/** The time due marks are measured against, moved on each minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

import { DomainError } from '../../core/errors.js'
import { checkStreamCounts, enforced, isOneWay } from '../../core/guidelines/index.js'
import type { Locale } from '../../core/locale.js'
import {
  CALENDAR_MAX_DAYS,
  CHANNEL_MIX_DAYS_AFTER,
  CHANNEL_MIX_DAYS_BEFORE,
  type ChannelMix,
  type ChannelMixQuery,
} from '../../core/schemas/index.js'
import { addDays, utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import type { Store } from '../repos/index.js'
import type { LibraryAccess } from './access.js'
import type { GuidelinePolicySource } from './guideline-policy.js'

/** Six weeks of the busiest library; past it the newest posts are what is counted. */
const ROW_LIMIT = 20_000
const DAY_MS = 24 * 60 * 60 * 1000
// Whether a post's text only announces, by post, version and channel: a calendar
// opened again, or a composer refetching, does not read every text anew.
const MEMO_SIZE = 50_000
const oneWayMemo = new Map<string, boolean>()

function oneWay(key: string, text: string): boolean {
  let value = oneWayMemo.get(key)
  if (value === undefined) {
    value = isOneWay(text)
    if (oneWayMemo.size >= MEMO_SIZE) oneWayMemo.clear()
    oneWayMemo.set(key, value)
  }
  return value
}

/**
 * The skyltfönster rule where it belongs: over each channel's recent and
 * planned posts in a period (the calendar's visible one, or the weeks around
 * a draft), against the library's policy in force.
 */
export function channelMixService({
  store,
  policies,
}: {
  store: Store
  policies: GuidelinePolicySource
}) {
  const { repos } = store

  return {
    async mix(
      access: LibraryAccess<'posts.read'>,
      query: ChannelMixQuery,
      locale: Locale,
    ): Promise<ChannelMix> {
      const library = await repos.libraries.findById(access.libraryId)
      if (!library) throw new DomainError('library_not_found')
      const today = utcToZoned(new Date(), library.time_zone).date
      const from =
        query.from ??
        (query.to
          ? addDays(query.to, -(CHANNEL_MIX_DAYS_BEFORE + CHANNEL_MIX_DAYS_AFTER))
          : addDays(today, -CHANNEL_MIX_DAYS_BEFORE))
      const to = query.to ?? addDays(from, CHANNEL_MIX_DAYS_BEFORE + CHANNEL_MIX_DAYS_AFTER)
      if (to < from) throw new DomainError('calendar_range_invalid')
      const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1
      if (days > CALENDAR_MAX_DAYS) throw new DomainError('calendar_range_too_long')
      const range = {
        from: zonedToUtc(from, '00:00', library.time_zone).toISOString(),
        to: zonedToUtc(addDays(to, 1), '00:00', library.time_zone).toISOString(),
      }
      const [channels, rows, { policy }] = await Promise.all([
        repos.channels.list(access.libraryId),
        repos.channelMix.postsInRange(access.libraryId, range, {
          channelIds: query.channel,
          exclude: query.exclude,
          limit: ROW_LIMIT,
        }),
        policies.current(access.libraryId),
      ])
      const counts = new Map<string, { posts: number; oneWay: number }>()
      for (const row of rows) {
        const own = (JSON.parse(row.variants) as Record<string, string>)[row.channel_id]
        const key = `${row.id}@${row.version}${own === undefined ? '' : `#${row.channel_id}`}`
        const count = counts.get(row.channel_id) ?? { posts: 0, oneWay: 0 }
        count.posts++
        if (oneWay(key, own ?? row.text)) count.oneWay++
        counts.set(row.channel_id, count)
      }
      const wanted = query.channel.length > 0 ? new Set(query.channel) : undefined
      const { enabled, maxPromotionalShare, minPosts } = enforced(policy).rules.skyltfonster
      return {
        from,
        to,
        rule: { enabled, maxPromotionalShare, minPosts },
        channels: channels
          .filter((c) => !wanted || wanted.has(c.id))
          .map((c) => {
            const count = counts.get(c.id) ?? { posts: 0, oneWay: 0 }
            const [finding] = checkStreamCounts(count, policy, locale)
            return {
              channelId: c.id,
              ...count,
              finding: finding
                ? {
                    ruleId: 'skyltfonster' as const,
                    kind: finding.kind,
                    severity: finding.severity,
                    message: finding.message,
                    why: finding.why,
                  }
                : null,
            }
          }),
      }
    },
  }
}
export type ChannelMixService = ReturnType<typeof channelMixService>

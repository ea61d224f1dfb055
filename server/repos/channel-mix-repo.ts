import type { Db } from '../db/database.js'
import type { CalendarRange } from './calendar-repo.js'

/**
 * A channel's posts over a period, for the skyltfönster rule: one row per post
 * and channel, by the same range scan of (library_id, calendar_at) the calendar
 * uses. Withdrawn posts and cancelled publications are not on the channel.
 */
export function channelMixRepo(db: Db) {
  return {
    postsInRange(
      libraryId: string,
      range: CalendarRange,
      options: { channelIds: readonly string[]; exclude: string | undefined; limit: number },
    ) {
      let query = db
        .selectFrom('posts')
        .innerJoin('publications as p', (join) =>
          join.onRef('p.post_id', '=', 'posts.id').onRef('p.library_id', '=', 'posts.library_id'),
        )
        .select(['posts.id', 'posts.version', 'posts.text', 'posts.variants', 'p.channel_id'])
        .where('posts.library_id', '=', libraryId)
        .where('posts.calendar_at', '>=', range.from)
        .where('posts.calendar_at', '<', range.to)
        .where('posts.state', '<>', 'withdrawn')
        .where('posts.reply_to_item_id', 'is', null)
        .where('p.state', '<>', 'cancelled')
      if (options.channelIds.length > 0)
        query = query.where('p.channel_id', 'in', [...options.channelIds])
      if (options.exclude) query = query.where('posts.id', '<>', options.exclude)
      return query.orderBy('posts.calendar_at', 'desc').limit(options.limit).execute()
    },
  }
}

import { interactionKindSchema } from '../../../core/channels/networks.js'
import { localDay } from '../../../core/ladder/months.js'
import { KIND_STEP, isUnprompted } from '../../../core/ladder/rules.js'
import type { Clock } from '../../clock.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import type { LadderActivityRow } from '../../repos/ladder-activity-repo.js'
import { ERASED_AUTHOR_PREFIX } from '../../repos/personal-data-repo.js'
import { contiguous } from '../archive/capture-service.js'
import { LADDER_CONSUMER, ladderSettings, pseudonymOf } from './ladder-rebuild.js'
const BATCH = 200

type ActivityRepos = Pick<
  Repos,
  'archive' | 'archiveSources' | 'ladder' | 'ladderActivity' | 'libraries'
>

/**
 * Sums what each account did each day, for the ladder, from ingest's outbox
 * (ingest_events) in order, after ingest wrote it, so reading the networks
 * costs nothing more. The sums and the position are written in one
 * transaction, so a batch repeated after a crash is never counted twice.
 * The library's own accounts, erased authors and erased people are left out.
 */
export function ladderActivity({
  store,
  clock,
}: {
  store: StoreOf<keyof ActivityRepos>
  clock: Clock
}) {
  async function libraryContext(repos: ActivityRepos, libraryId: string) {
    const library = await repos.libraries.findById(libraryId)
    if (!library) return undefined
    const settings = await ladderSettings(repos, libraryId, clock.now())
    const own = new Set(
      (await repos.ladder.liveChannels(libraryId)).map((c) => c.account_remote_id),
    )
    return {
      zone: library.time_zone,
      key: settings.pseudonym_key,
      own,
      erased: await repos.ladder.erased(libraryId),
    }
  }

  async function sums(
    repos: ActivityRepos,
    ids: string[],
    seq: number,
  ): Promise<LadderActivityRow[]> {
    const sources = await repos.ladderActivity.sources(ids)
    const out = new Map<string, LadderActivityRow>()
    const contexts = new Map<string, Awaited<ReturnType<typeof libraryContext>>>()
    for (const s of sources) {
      if (!contexts.has(s.library_id))
        contexts.set(s.library_id, await libraryContext(repos, s.library_id))
      const ctx = contexts.get(s.library_id)
      const kind = interactionKindSchema.safeParse(s.kind)
      if (!ctx || !kind.success) continue
      if (s.author_remote_id.startsWith(ERASED_AUTHOR_PREFIX) || ctx.own.has(s.author_remote_id))
        continue
      if (ctx.erased.size && ctx.erased.has(pseudonymOf(ctx.key, s.channel_id, s.author_remote_id)))
        continue
      // The network's time, unless it claims one after Torget received it.
      const at = s.remote_created_at < s.received_at ? s.remote_created_at : s.received_at
      const day = localDay(at, ctx.zone)
      const key = `${s.library_id}|${s.channel_id}|${s.author_remote_id}|${day}`
      let row = out.get(key)
      if (!row) {
        row = {
          library_id: s.library_id,
          channel_id: s.channel_id,
          author_remote_id: s.author_remote_id,
          day,
          handle: s.author_handle,
          follows: 0,
          endorsements: 0,
          contributions: 0,
          unprompted: 0,
          first_at: at,
          last_at: at,
          seq,
        }
        out.set(key, row)
      }
      const step = KIND_STEP[kind.data]
      if (step === 'follow') row.follows++
      else if (step === 'endorse') row.endorsements++
      else row.contributions++
      if (isUnprompted(kind.data, Boolean(s.answers_library))) row.unprompted++
      if (at < row.first_at) row.first_at = at
      if (at >= row.last_at) {
        row.last_at = at
        row.handle = s.author_handle
      }
    }
    return [...out.values()]
  }

  return {
    /** Sums up to `limit` ingest batches; returns how many were read. */
    async step(limit = BATCH): Promise<number> {
      const now = clock.now()
      return store.transaction(async (repos) => {
        const position = await repos.ladderActivity.lockPosition(LADDER_CONSUMER, now.toISOString())
        const events = contiguous(
          await repos.archiveSources.ingestEvents(position, limit),
          position,
          now.getTime(),
        )
        const last = events.at(-1)
        if (!last) return 0
        const ids = events.flatMap((e) => (JSON.parse(e.payload) as { ids?: string[] }).ids ?? [])
        await repos.ladderActivity.add(await sums(repos, ids, Number(last.seq)))
        await repos.archive.savePosition(LADDER_CONSUMER, Number(last.seq), now.toISOString())
        return events.length
      })
    },
  }
}
export type LadderActivity = ReturnType<typeof ladderActivity>

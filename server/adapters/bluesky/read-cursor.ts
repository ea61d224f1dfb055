import { createHash } from 'node:crypto'
import { z } from 'zod'

/**
 * The AppView sorts notifications by min(createdAt, indexedAt), so one can
 * land below another that was read earlier (a reply created first but indexed
 * a moment later). Each read therefore looks this far below the newest time it
 * saw, and remembers what it returned there so nothing comes twice.
 */
export const OVERLAP_MS = 15 * 60_000
const MAX_SEEN = 500
/** Replies, mentions and quotes returned lately; threads are read whole each time. */
const MAX_KNOWN = 2_000

const cursorSchema = z.object({
  v: z.literal(2),
  /** Newest notification sort time a finished scan reached (ms). */
  mark: z.number().nullable(),
  /** A scan of notifications stopped by `limit`: where it goes on, where it began and ends. */
  pending: z.object({ page: z.string(), top: z.number(), stop: z.number() }).optional(),
  /** What the notification scans returned in the overlap, with its sort time. */
  seen: z.array(z.tuple([z.string(), z.number()])),
  /** Posts returned lately, oldest first: a thread shows them again on every read. */
  known: z.array(z.string()),
})
export type ReadState = z.infer<typeof cursorSchema>

/** Uris are long; the cursor keeps 72 bits of their hash, which is plenty for a few thousand. */
export function shortId(uri: string): string {
  return createHash('sha256').update(uri).digest('base64url').slice(0, 12)
}

/**
 * The stored cursor, or a fresh start: a cursor Torget cannot read (an older
 * format, damage) must not stop the inbox, and the ingest stores each
 * interaction once, so starting over at `since` only costs a re-read.
 */
export function decodeCursor(cursor: string | null): ReadState {
  const fresh: ReadState = { v: 2, mark: null, seen: [], known: [] }
  if (!cursor) return fresh
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(cursor))
    return parsed.success ? parsed.data : fresh
  } catch {
    return fresh
  }
}

export function encodeCursor(state: ReadState, since: number): string {
  const floor = (state.pending?.top ?? state.mark ?? since) - OVERLAP_MS
  const seen = state.seen
    .filter(([, at]) => at >= floor)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SEEN)
  return JSON.stringify({ ...state, seen, known: state.known.slice(-MAX_KNOWN) })
}

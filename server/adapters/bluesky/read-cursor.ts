import { z } from 'zod'

/**
 * The AppView sorts notifications by min(createdAt, indexedAt), so one can
 * land below another that was read earlier (a reply created first but indexed
 * a moment later). Each read therefore looks this far below the newest time it
 * saw, and remembers what it returned there so nothing comes twice.
 */
export const OVERLAP_MS = 15 * 60_000
const MAX_SEEN = 500

const cursorSchema = z.object({
  v: z.literal(1),
  /** Newest notification sort time a finished scan reached (ms). */
  mark: z.number().nullable(),
  /** A scan of notifications stopped by `limit`: where it goes on, where it began and ends. */
  pending: z.object({ page: z.string(), top: z.number(), stop: z.number() }).optional(),
  /** Newest indexing time of a thread reply returned (ms). */
  threadMark: z.number().nullable(),
  /** Recently returned uris with their time, to skip them in the overlap. */
  seen: z.array(z.tuple([z.string(), z.number()])),
})
export type ReadState = z.infer<typeof cursorSchema>

/**
 * The stored cursor, or a fresh start: a cursor Torget cannot read (an older
 * format, damage) must not stop the inbox, and the ingest stores each
 * interaction once, so starting over at `since` only costs a re-read.
 */
export function decodeCursor(cursor: string | null): ReadState {
  const fresh: ReadState = { v: 1, mark: null, threadMark: null, seen: [] }
  if (!cursor) return fresh
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(cursor))
    return parsed.success ? parsed.data : fresh
  } catch {
    return fresh
  }
}

export function encodeCursor(state: ReadState, since: number): string {
  const notificationFloor = (state.pending?.top ?? state.mark ?? since) - OVERLAP_MS
  const threadFloor = (state.threadMark ?? since) - OVERLAP_MS
  const floor = Math.min(notificationFloor, threadFloor)
  const seen = state.seen
    .filter(([, at]) => at >= floor)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SEEN)
  return JSON.stringify({ ...state, seen })
}

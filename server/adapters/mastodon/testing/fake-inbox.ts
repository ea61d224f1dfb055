import { fixture, type RecordedRequest, type Reply } from './fake-mastodon.js'

type Entity = Record<string, unknown>

const LIBRARY_ID = '109876543210987654'
const NOTIFICATION_TYPES = [
  'mention',
  'status',
  'reblog',
  'follow',
  'follow_request',
  'favourite',
  'poll',
  'update',
  'quote',
  'quoted_update',
] as const

function byIdDesc(a: { id: string }, b: { id: string }) {
  const x = BigInt(a.id)
  const y = BigInt(b.id)
  return x > y ? -1 : x < y ? 1 : 0
}

/**
 * The library's notifications, threads, others' statuses, blocks, mutes and
 * quote revocations, as Mastodon's API serves them (pagination as in
 * app/controllers/api/v1/notifications_controller.rb: rel="next" carries
 * max_id, rel="prev" min_id, with limit and types[] but not since_id).
 */
export function fakeInbox(baseUrl: () => string) {
  const notifications: (Entity & { id: string })[] =
    fixture<(Entity & { id: string })[]>('notifications')
  type Context = { ancestors: Entity[]; descendants: Entity[] }
  const contexts = new Map<string, Context>([['113456789100000003', fixture<Context>('context')]])
  const statuses = new Map<string, Entity>()
  const gone = new Set<string>()
  const hidden = new Set<string>()
  const relationships = new Map<string, { blocking: boolean; muting: boolean }>()
  let quotes = false
  let nextId = 600_000_000

  for (const n of notifications) if (n.status) remember(n.status as Entity)
  for (const s of contexts.get('113456789100000003')!.descendants) remember(s)

  function remember(status: Entity) {
    statuses.set(status.id as string, status)
  }

  function listNotifications(req: RecordedRequest): Reply {
    const types = req.query.getAll('types[]')
    const known = types.filter((t) => (NOTIFICATION_TYPES as readonly string[]).includes(t))
    const limit = Math.min(Number(req.query.get('limit') ?? 40) || 40, 80)
    const maxId = req.query.get('max_id')
    const sinceId = req.query.get('since_id')
    const minId = req.query.get('min_id')
    let list = [...notifications].sort(byIdDesc)
    // A server ignores types it does not know; it filters by the ones it does.
    if (known.length > 0) list = list.filter((n) => known.includes(n.type as string))
    if (maxId) list = list.filter((n) => BigInt(n.id) < BigInt(maxId))
    if (sinceId) list = list.filter((n) => BigInt(n.id) > BigInt(sinceId))
    if (minId) {
      list = list.filter((n) => BigInt(n.id) > BigInt(minId))
      list = list.slice(-limit)
    } else {
      list = list.slice(0, limit)
    }
    const headers: Record<string, string> = {}
    const first = list[0]
    const last = list.at(-1)
    if (first && last) {
      const link = (param: string, id: string) => {
        const url = new URL('/api/v1/notifications', baseUrl())
        if (req.query.get('limit')) url.searchParams.set('limit', String(limit))
        for (const t of types) url.searchParams.append('types[]', t)
        url.searchParams.set(param, id)
        return url.toString()
      }
      headers.Link = `<${link('max_id', last.id)}>; rel="next", <${link('min_id', first.id)}>; rel="prev"`
    }
    return { status: 200, json: list, headers }
  }

  return {
    handle(req: RecordedRequest): Reply | undefined {
      const { method, path } = req
      if (method === 'GET' && path === '/api/v1/notifications') return listNotifications(req)
      const context = /^\/api\/v1\/statuses\/(\d+)\/context$/.exec(path)
      if (method === 'GET' && context?.[1]) {
        if (gone.has(context[1])) return { status: 404, json: fixture('error-404') }
        return { status: 200, json: contexts.get(context[1]) ?? { ancestors: [], descendants: [] } }
      }
      const revoke = /^\/api\/v1\/statuses\/(\d+)\/quotes\/(\d+)\/revoke$/.exec(path)
      if (method === 'POST' && revoke?.[2]) {
        // Before Mastodon 4.5 there is no such route.
        if (!quotes) return { status: 404, json: fixture('error-404') }
        const quote = statuses.get(revoke[2])
        const quoted = (quote?.quote as { quoted_status?: { id: string } } | null)?.quoted_status
        if (!quote || quoted?.id !== revoke[1]) return { status: 404, json: fixture('error-404') }
        return { status: 200, json: { ...fixture('status-quote-revoked'), id: revoke[2] } }
      }
      const account = /^\/api\/v1\/accounts\/(\d+)\/(block|unblock|mute|unmute)$/.exec(path)
      if (method === 'POST' && account?.[1] && account[2]) {
        const rel = relationships.get(account[1]) ?? { blocking: false, muting: false }
        if (account[2].endsWith('block')) rel.blocking = account[2] === 'block'
        else rel.muting = account[2] === 'mute'
        relationships.set(account[1], rel)
        const json = { ...fixture('relationship-blocking'), id: account[1], ...rel }
        return { status: 200, json: { ...json, muting_notifications: rel.muting } }
      }
      const status = /^\/api\/v1\/statuses\/(\d+)$/.exec(path)
      if (method === 'GET' && status?.[1] && statuses.has(status[1])) {
        if (gone.has(status[1])) return { status: 404, json: fixture('error-404') }
        if (hidden.has(status[1])) return { status: 403, json: fixture('error-403') }
        return { status: 200, json: statuses.get(status[1]) }
      }
      return undefined
    },
    /** A new notification, newest of all; its status becomes readable. */
    notify(entry: Entity & { id?: string }) {
      const id = entry.id ?? String(++nextId)
      const n: Entity & { id: string } = { ...entry, id }
      notifications.push(n)
      if (n.status) remember(n.status as Entity)
      return id
    },
    /** `count` favourites of the library's post by as many accounts, newest last. */
    flood(count: number) {
      const template = fixture<Entity[]>('notifications').find((n) => n.type === 'favourite')!
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const id = String(++nextId)
        const account = { ...(template.account as Entity), id: `12${String(i).padStart(16, '0')}` }
        notifications.push({ ...template, id, account, group_key: `ungrouped-${id}` })
        ids.push(id)
      }
      return ids
    },
    notificationIds: () => notifications.map((n) => n.id),
    /** Replaces the thread below one of the library's posts. */
    setContext(postId: string, descendants: Entity[]) {
      contexts.set(postId, { ancestors: [], descendants })
      for (const s of descendants) remember(s)
    },
    setStatus(status: Entity) {
      remember(status)
    },
    deleteStatus(id: string) {
      gone.add(id)
    },
    /** The author blocked the library: Mastodon refuses to show it. */
    hideStatus(id: string) {
      hidden.add(id)
    },
    relationship: (accountId: string) => relationships.get(accountId),
    /** Serve as Mastodon 4.5 (API version 7), with quote posts. */
    enableQuotes() {
      quotes = true
    },
    get quotes() {
      return quotes
    },
    libraryId: LIBRARY_ID,
  }
}

export type FakeInbox = ReturnType<typeof fakeInbox>

import { isInboxKind } from '../../../core/channels/networks.js'
import type { ArchiveMedia, ArchiveMissingMedia } from '../../../core/archive/entry.js'
import type { RemoteMedia } from '../../adapters/channels/interactions.js'
import type { ReceivedMediaCopier } from '../../adapters/remote-media/received-media.js'
import { type Clock, systemClock } from '../../clock.js'
import type { Logger } from '../../logger.js'
import type { Repos, StoreOf } from '../../repos/index.js'
import {
  type CaptureCheck,
  type EntryDraft,
  appendEntries,
  checkCaptured,
  draftKey,
  sha256Hex,
} from './chain.js'

type CaptureRepos = Pick<Repos, 'archive' | 'archiveSources'>
type Interaction = Awaited<ReturnType<Repos['archiveSources']['interactions']>>[number]
type Activity = Awaited<ReturnType<Repos['archiveSources']['activity']>>[number]

/** Consumer names in archive_positions. */
export const INGEST_CONSUMER = 'archive:ingest_events'
export const ACTIVITY_CONSUMER = 'archive:inbox_activity'

/**
 * On PostgreSQL a sequence number is taken when a row is inserted but seen
 * when its transaction commits, so a later number can be seen first. A gap is
 * waited for this long before it is taken to be a rolled-back insert.
 */
export const GAP_GRACE_MS = 60_000

const INGEST_BATCH = 50
const ACTIVITY_BATCH = 500

const ACTIVITY_KINDS = {
  edited_remotely: 'item_edited',
  deleted_remotely: 'item_deleted',
  unavailable: 'item_unavailable',
  moderated: 'moderation',
  moderation_undone: 'moderation_undone',
} as const

/** The first web address in a text: the link a post carries. */
function firstLink(text: string): string | null {
  return /https?:\/\/[^\s<>"]+/.exec(text)?.[0].replace(/[.,;:!?)]+$/, '') ?? null
}

/**
 * Posts as they went out, in the transaction that marks them published:
 * text for the channel, images (copied into the archive by their SHA-256, with
 * alt texts), who wrote, approved and published it, and the policy in force.
 * Locks library heads in a fixed order, so two such transactions never wait
 * on each other crosswise.
 */
export async function archivePublications(
  repos: CaptureRepos,
  published: readonly { libraryId: string; publicationId: string }[],
  now: string,
): Promise<void> {
  const byLibrary = Map.groupBy(published, (p) => p.libraryId)
  for (const libraryId of [...byLibrary.keys()].sort()) {
    const ids = byLibrary.get(libraryId)!.map((p) => p.publicationId)
    const rows = await repos.archiveSources.publications(libraryId, ids)
    if (rows.length === 0) continue
    const postIds = [...new Set(rows.map((r) => r.post_id))]
    const replyItems = rows.flatMap((r) => (r.reply_to_item_id ? [r.reply_to_item_id] : []))
    // One after another: inside the publishing transaction they share one connection.
    const images = await repos.archiveSources.postImages(libraryId, postIds)
    const events = await repos.archiveSources.postEvents(libraryId, postIds)
    const policy = await repos.archiveSources.policyInForce(libraryId)
    const answered = await repos.archiveSources.interactions(replyItems)
    const names = await repos.archiveSources.userNames([
      ...rows.flatMap((r) => [r.author_id, r.approved_by ?? '']),
    ])
    const media = new Map<
      string,
      { sha256: string; mimeType: string; byteSize: number; alt: string }[]
    >()
    for (const image of images) {
      const data = Buffer.from(image.data)
      const sha256 = sha256Hex(data)
      await repos.archive.storeMedia({
        library_id: libraryId,
        sha256,
        mime_type: image.mime_type,
        byte_size: data.byteLength,
        data,
        stored_at: now,
      })
      const list = media.get(image.post_id) ?? []
      list.push({ sha256, mimeType: image.mime_type, byteSize: data.byteLength, alt: image.alt })
      media.set(image.post_id, list)
    }
    const rootOf = new Map(answered.map((i) => [i.id, i.root_remote_id ?? i.remote_id]))
    const drafts: EntryDraft[] = rows.map((r) => {
      const history = events.filter((e) => e.post_id === r.post_id)
      // Approvals of the content that went out: those after its last edit or return.
      const lastChange = history.findLastIndex((e) => e.kind === 'edited' || e.kind === 'returned')
      let approvedBy = history
        .slice(lastChange + 1)
        .filter((e) => e.kind === 'approved' && e.actor_id)
        .map((e) => ({ id: e.actor_id!, name: e.name ?? '', at: e.created_at }))
      if (approvedBy.length === 0 && r.approved_by && r.approved_at)
        approvedBy = [
          { id: r.approved_by, name: names.get(r.approved_by) ?? '', at: r.approved_at },
        ]
      const scheduled = history.findLast((e) => e.kind === 'scheduled' && e.actor_id)
      const text = (JSON.parse(r.variants) as Record<string, string>)[r.channel_id] ?? r.text
      return {
        kind: 'post_published',
        subject: `post:${r.id}`,
        captureKey: r.id,
        refersTo: null,
        channelId: r.channel_id,
        network: r.network,
        remoteId: r.remote_id,
        url: r.remote_url,
        threadRoot: (r.reply_to_item_id && rootOf.get(r.reply_to_item_id)) || r.remote_id,
        occurredAt: r.published_at ?? now,
        person: null,
        content: {
          kind: 'post_published',
          postId: r.post_id,
          publicationId: r.id,
          text,
          language: r.language,
          link: firstLink(text),
          media: media.get(r.post_id) ?? [],
          writtenBy: { id: r.author_id, name: names.get(r.author_id) ?? '' },
          approvedBy,
          publishedBy: scheduled ? { id: scheduled.actor_id!, name: scheduled.name ?? '' } : null,
          inReplyTo: r.reply_to_item_id,
          policyVersion: policy?.id ?? null,
        },
      }
    })
    await appendEntries(repos, libraryId, drafts, now)
  }
}

/** A policy version as approved, in the transaction that approves it. */
export async function archivePolicyVersion(
  repos: CaptureRepos,
  libraryId: string,
  versionId: string,
  now: string,
): Promise<void> {
  const v = await repos.archiveSources.policyVersion(libraryId, versionId)
  if (!v?.approved_at) return
  await appendEntries(
    repos,
    libraryId,
    [
      {
        kind: 'policy_version',
        subject: `policy:${v.id}:${v.number}`,
        // Approving an older version again brings it back into force: a new entry.
        captureKey: v.approved_at,
        refersTo: null,
        channelId: null,
        network: null,
        remoteId: null,
        url: null,
        threadRoot: null,
        occurredAt: v.approved_at,
        person: null,
        content: {
          kind: 'policy_version',
          policyId: v.id,
          version: v.number,
          approvedBy: v.approved_by ? { id: v.approved_by, name: v.name ?? '' } : null,
          text: v.document,
        },
      },
    ],
    now,
  )
}

/** The files of one received item: copied into the archive, or listed as missing with why. */
interface ItemFiles {
  media: (ArchiveMedia & { data: Buffer })[]
  missing: ArchiveMissingMedia[]
}

function listedMedia(i: Interaction): RemoteMedia[] {
  if (!i.media) return []
  try {
    const list = JSON.parse(i.media) as unknown
    return Array.isArray(list) ? (list as RemoteMedia[]) : []
  } catch {
    return []
  }
}

/** A received item as it came: the original text and the author as the network showed them then. */
function receivedDraft(i: Interaction, files?: ItemFiles): EntryDraft {
  const author = { remoteId: i.author_remote_id, handle: i.author_handle, name: i.author_name }
  return {
    kind: 'item_received',
    subject: `item:${i.id}`,
    captureKey: i.id,
    refersTo: null,
    channelId: i.channel_id,
    network: i.network,
    remoteId: i.remote_id,
    url: i.url,
    threadRoot: i.root_remote_id ?? i.subject_remote_id ?? i.remote_id,
    occurredAt: i.remote_created_at,
    person: author,
    content: {
      kind: 'item_received',
      interactionId: i.id,
      itemKind: i.kind,
      text: i.original_text ?? i.text,
      author,
      subjectRemoteId: i.subject_remote_id,
      rootRemoteId: i.root_remote_id,
      parentRemoteId: i.parent_remote_id,
      media: (files?.media ?? []).map(({ data: _data, ...m }) => m),
      ...(files?.missing.length ? { missingMedia: files.missing } : {}),
    },
  }
}

/** The rows up to the first gap not yet old enough to be a rolled-back insert. */
export function contiguous<T extends { seq: number; at: string }>(
  rows: readonly T[],
  position: number,
  nowMs: number,
): T[] {
  const out: T[] = []
  let expected = position + 1
  for (const row of rows) {
    const seq = Number(row.seq)
    if (seq !== expected && nowMs - Date.parse(row.at) < GAP_GRACE_MS) break
    out.push(row)
    expected = seq + 1
  }
  return out
}

/**
 * Received items and what happened to them, read after ingest and the inbox
 * wrote them (so ingest's own transaction stays as fast as it was): two
 * consumers, each with its position in archive_positions. Capture is
 * idempotent, so a crash between appending and saving the position repeats a
 * batch without doubling an entry.
 */
export function archiveCaptureService(deps: {
  store: StoreOf<'archive' | 'archiveSources'>
  logger: Logger
  clock?: Clock
  /** Copies the files received items carry; without it they are listed as unreachable. */
  copyMedia?: ReceivedMediaCopier
}) {
  const { store } = deps
  const clock = deps.clock ?? systemClock

  /**
   * The files of the items not captured yet, fetched before the transaction
   * that appends them (a slow server must not hold the library's chain), and
   * the check that told which those were, for appendEntries to use again.
   */
  async function copyFiles(
    libraryId: string,
    items: readonly Interaction[],
  ): Promise<{ files: Map<string, ItemFiles>; checked?: CaptureCheck }> {
    const files = new Map<string, ItemFiles>()
    const listed = items.filter((i) => listedMedia(i).length > 0)
    if (listed.length === 0) return { files }
    const drafts = listed.map((i) => receivedDraft(i))
    const checked = await checkCaptured(
      store.repos,
      libraryId,
      drafts.map((d) => d.subject),
    )
    for (const [n, item] of listed.entries()) {
      if (checked.found.has(draftKey(drafts[n]!))) continue
      const found: ItemFiles = { media: [], missing: [] }
      for (const media of listedMedia(item)) {
        const copy = deps.copyMedia
          ? await deps.copyMedia(media)
          : ({ ok: false, reason: 'unreachable' } as const)
        if (copy.ok)
          found.media.push({
            sha256: copy.sha256,
            mimeType: copy.mimeType,
            byteSize: copy.data.byteLength,
            alt: media.alt,
            sourceUrl: media.url,
            data: copy.data,
          })
        else {
          found.missing.push({
            kind: media.kind,
            sourceUrl: media.url,
            alt: media.alt,
            reason: copy.reason,
          })
          deps.logger.warn(
            { interactionId: item.id, url: media.url, reason: copy.reason },
            'A received file could not be copied into the archive',
          )
        }
      }
      files.set(item.id, found)
    }
    return { files, checked }
  }

  async function storeFiles(
    repos: CaptureRepos,
    libraryId: string,
    files: Map<string, ItemFiles>,
    now: string,
  ) {
    for (const { media } of files.values())
      for (const m of media)
        await repos.archive.storeMedia({
          library_id: libraryId,
          sha256: m.sha256,
          mime_type: m.mimeType,
          byte_size: m.byteSize,
          data: m.data,
          stored_at: now,
        })
  }

  async function appendItems(libraryId: string, items: readonly Interaction[], now: string) {
    const inbox = items.filter((i) => isInboxKind(i.kind as never))
    if (inbox.length === 0) return
    const { files, checked } = await copyFiles(libraryId, inbox)
    await store.transaction(async (repos) => {
      await storeFiles(repos, libraryId, files, now)
      await appendEntries(
        repos,
        libraryId,
        inbox.map((i) => receivedDraft(i, files.get(i.id))),
        now,
        checked,
      )
    })
  }

  async function appendActivity(libraryId: string, rows: readonly Activity[], now: string) {
    const items = new Map(
      (await store.repos.archiveSources.interactions(rows.map((r) => r.item_id))).map((i) => [
        i.id,
        i,
      ]),
    )
    const details = rows.map((r) => JSON.parse(r.detail) as Record<string, unknown>)
    const actions = new Map(
      (
        await store.repos.archiveSources.moderationActions(
          details.flatMap((d) => (typeof d.actionId === 'string' ? [d.actionId] : [])),
        )
      ).map((a) => [a.id, a]),
    )
    const names = await store.repos.archiveSources.userNames(
      rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
    )
    const received = [...items.values()].filter((i) => isInboxKind(i.kind as never))
    const { files, checked } = await copyFiles(libraryId, received)
    await store.transaction(async (repos) => {
      await storeFiles(repos, libraryId, files, now)
      // An item seen deleted before its own capture ran is captured first, so there is one to refer to.
      const originals = await appendEntries(
        repos,
        libraryId,
        received.map((i) => receivedDraft(i, files.get(i.id))),
        now,
        checked,
      )
      const drafts: EntryDraft[] = []
      rows.forEach((row, n) => {
        const item = items.get(row.item_id)
        const kind = ACTIVITY_KINDS[row.action as keyof typeof ACTIVITY_KINDS]
        if (!item || !kind) return
        const original = originals.get(draftKey(receivedDraft(item)))
        if (!original) return
        const detail = details[n]!
        const action =
          typeof detail.actionId === 'string' ? actions.get(detail.actionId) : undefined
        const base = {
          subject: `item:${item.id}`,
          captureKey: row.id,
          refersTo: original,
          channelId: item.channel_id,
          network: item.network,
          remoteId: item.remote_id,
          url: item.url,
          threadRoot: item.root_remote_id ?? item.subject_remote_id ?? item.remote_id,
          occurredAt: row.at,
          person: {
            remoteId: item.author_remote_id,
            handle: item.author_handle,
            name: item.author_name,
          },
        }
        const interactionId = item.id
        const by = action?.actor_id ? { id: action.actor_id, name: action.actor_name } : null
        if (kind === 'item_edited')
          drafts.push({
            ...base,
            kind,
            content: {
              kind,
              interactionId,
              text: typeof detail.text === 'string' ? detail.text : item.text,
            },
          })
        else if (kind === 'item_deleted' || kind === 'item_unavailable')
          drafts.push({ ...base, kind, content: { kind, interactionId } })
        else if (kind === 'moderation' && action)
          drafts.push({
            ...base,
            kind,
            content: {
              kind,
              actionId: action.id,
              interactionId,
              action: action.action,
              reason: action.reason_category,
              note: action.reason,
              // An automatic rule acts as no member; the note names the rule.
              by,
            },
          })
        else if (kind === 'moderation_undone' && action)
          drafts.push({
            ...base,
            kind,
            content: {
              kind,
              actionId: action.id,
              interactionId,
              by: row.actor_id ? { id: row.actor_id, name: names.get(row.actor_id) ?? '' } : null,
            },
          })
      })
      await appendEntries(repos, libraryId, drafts, now)
    })
  }

  const service = {
    /** Captures the received items of up to `limit` ingest batches; returns how many batches. */
    async captureIngested(limit = INGEST_BATCH): Promise<number> {
      const now = clock.now()
      const position = await store.repos.archive.position(INGEST_CONSUMER)
      const events = contiguous(
        await store.repos.archiveSources.ingestEvents(position, limit),
        position,
        now.getTime(),
      )
      for (const [libraryId, batch] of Map.groupBy(events, (e) => e.library_id)) {
        const ids = batch.flatMap((e) => (JSON.parse(e.payload) as { ids?: string[] }).ids ?? [])
        const items = await store.repos.archiveSources.interactions(ids)
        await appendItems(libraryId, items, now.toISOString())
      }
      const last = events.at(-1)
      if (last)
        await store.repos.archive.savePosition(INGEST_CONSUMER, Number(last.seq), now.toISOString())
      return events.length
    },

    /** Captures edits, deletions, unavailability and moderation from up to `limit` activity rows. */
    async captureActivity(limit = ACTIVITY_BATCH): Promise<number> {
      const now = clock.now()
      const position = await store.repos.archive.position(ACTIVITY_CONSUMER)
      const rows = contiguous(
        await store.repos.archiveSources.activity(position, limit),
        position,
        now.getTime(),
      )
      const relevant = rows.filter((r) => r.action in ACTIVITY_KINDS)
      for (const [libraryId, batch] of Map.groupBy(relevant, (r) => r.library_id))
        await appendActivity(libraryId, batch, now.toISOString())
      const last = rows.at(-1)
      if (last)
        await store.repos.archive.savePosition(
          ACTIVITY_CONSUMER,
          Number(last.seq),
          now.toISOString(),
        )
      return rows.length
    },

    /**
     * One round of both consumers, ingest first so items are captured before
     * what befell them; `full` when either read as much as it may (more waits).
     */
    async captureDue(): Promise<{ full: boolean }> {
      const ingested = await service.captureIngested(INGEST_BATCH)
      const activity = await service.captureActivity(ACTIVITY_BATCH)
      return { full: ingested >= INGEST_BATCH || activity >= ACTIVITY_BATCH }
    },
  }
  return service
}
export type ArchiveCaptureService = ReturnType<typeof archiveCaptureService>

import { createHash, randomUUID } from 'node:crypto'
import {
  type ArchiveContent,
  type ArchiveEntry,
  type ArchiveEntryKind,
  type ArchivePerson,
  archiveContentSchema,
  archiveEntryKindSchema,
  recordClassOf,
} from '../../../core/archive/entry.js'
import { archiveHasher, canonicalJson } from '../../../core/archive/hash.js'
import { isBuiltInNetwork, networkSchema } from '../../../core/channels/networks.js'
import type { ArchiveEntryRow } from '../../repos/archive-repo.js'
import type { Repos } from '../../repos/index.js'

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export const hasher = archiveHasher(sha256Hex)

/** An entry to append: everything but its place in the chain. */
export interface EntryDraft {
  kind: ArchiveEntryKind
  subject: string
  /** What makes it the same capture when captured again (see migration 017). */
  captureKey: string
  refersTo: string | null
  channelId: string | null
  network: string | null
  remoteId: string | null
  url: string | null
  threadRoot: string | null
  occurredAt: string
  person: ArchivePerson | null
  content: ArchiveContent
}

export function draftKey(d: Pick<EntryDraft, 'kind' | 'subject' | 'captureKey'>): string {
  return `${d.kind}\u0000${d.subject}\u0000${d.captureKey}`
}

/** Which of some subjects' captures are in the chain, asked before appendEntries' transaction. */
export interface CaptureCheck {
  /** The chain's length when asked: while the head is still there, the answer still holds. */
  seq: number
  subjects: ReadonlySet<string>
  found: ReadonlyMap<string, string>
}

export async function checkCaptured(
  repos: Pick<Repos, 'archive'>,
  libraryId: string,
  subjects: readonly string[],
): Promise<CaptureCheck> {
  // The head first: an append that commits after it moves the head, whatever the check saw.
  const seq = Number((await repos.archive.head(libraryId))?.seq ?? 0)
  const found = await repos.archive.captured(libraryId, subjects)
  return { seq, subjects: new Set(subjects), found }
}

/**
 * Appends to one library's chain, inside the caller's transaction, under the
 * head's lock. A draft captured before (same kind, subject and capture key)
 * is not appended again; its entry's id is returned like a new one's, by
 * draftKey. What happens on a built-in channel (Övningskanalen) is left out:
 * it never reaches the public, so it is practice, not a public record.
 * `checked` answers for its subjects when nothing was appended since it was
 * asked (the head is where it was); the others are asked under the lock.
 */
export async function appendEntries(
  repos: Pick<Repos, 'archive'>,
  libraryId: string,
  all: readonly EntryDraft[],
  capturedAt: string,
  checked?: CaptureCheck,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  const drafts = all.filter((d) => d.network === null || !isBuiltInNetwork(d.network))
  if (drafts.length === 0) return ids
  const head = await repos.archive.lockHead(libraryId)
  const known = checked?.seq === head.seq ? checked : undefined
  const unasked = [...new Set(drafts.map((d) => d.subject))].filter((s) => !known?.subjects.has(s))
  const existing = new Map(known?.found)
  if (unasked.length)
    for (const [key, id] of await repos.archive.captured(libraryId, unasked)) existing.set(key, id)
  let { seq, hash: prevHash } = head
  const rows = []
  for (const draft of drafts) {
    const key = draftKey(draft)
    const known = existing.get(key) ?? ids.get(key)
    if (known) {
      ids.set(key, known)
      continue
    }
    seq += 1
    const content = archiveContentSchema.parse(draft.content)
    const text = canonicalJson(content)
    const contentHash = sha256Hex(text)
    const occurredAt = new Date(draft.occurredAt).toISOString()
    const hash = hasher.entryHash(prevHash, contentHash, {
      seq,
      kind: draft.kind,
      subject: draft.subject,
      refersTo: draft.refersTo,
      occurredAt,
      capturedAt,
      remoteId: draft.remoteId,
      url: draft.url,
      person: draft.person,
    })
    const id = randomUUID()
    rows.push({
      id,
      library_id: libraryId,
      seq,
      kind: draft.kind,
      record_class: recordClassOf(draft.kind),
      subject: draft.subject,
      refers_to: draft.refersTo,
      capture_key: draft.captureKey,
      channel_id: draft.channelId,
      network: draft.network,
      remote_id: draft.remoteId,
      url: draft.url,
      thread_root: draft.threadRoot,
      occurred_at: occurredAt,
      captured_at: capturedAt,
      person_remote_id: draft.person?.remoteId ?? null,
      person_handle: draft.person?.handle ?? null,
      person_name: draft.person?.name ?? null,
      content: text,
      content_hash: contentHash,
      prev_hash: prevHash,
      hash,
      weeded_by: null,
    })
    ids.set(key, id)
    prevHash = hash
  }
  if (rows.length) {
    await repos.archive.insertEntries(rows)
    await repos.archive.setHead(libraryId, seq, prevHash)
  }
  return ids
}

/** A stored row as the shared entry shape (core/archive/entry.ts). */
export function toArchiveEntry(row: ArchiveEntryRow): ArchiveEntry {
  const kind = archiveEntryKindSchema.parse(row.kind)
  const network = networkSchema.safeParse(row.network)
  return {
    id: row.id,
    libraryId: row.library_id,
    seq: Number(row.seq),
    kind,
    recordClass: recordClassOf(kind),
    subject: row.subject,
    refersTo: row.refers_to,
    channelId: row.channel_id,
    network: network.success ? network.data : null,
    remoteId: row.remote_id,
    url: row.url,
    occurredAt: row.occurred_at,
    capturedAt: row.captured_at,
    person:
      row.person_remote_id !== null
        ? {
            remoteId: row.person_remote_id,
            handle: row.person_handle ?? '',
            name: row.person_name ?? '',
          }
        : null,
    content: row.content === null ? null : archiveContentSchema.parse(JSON.parse(row.content)),
    contentHash: row.content_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
    weededBy: row.weeded_by,
  }
}

import type { ArchiveEntry } from '../../../core/archive/entry.js'
import {
  type EntryMask,
  type MarkerLocale,
  applyMasks,
  effectiveMasks,
} from '../../../core/archive/masking.js'

/** One entry as it leaves the library: masked where the review said so, with the archive's hashes. */
export interface ReleasedEntry {
  id: string
  seq: number
  kind: ArchiveEntry['kind']
  recordClass: ArchiveEntry['recordClass']
  subject: string
  refersTo: string | null
  network: ArchiveEntry['network']
  channelId: string | null
  remoteId: string | null
  url: string | null
  occurredAt: string
  person: ArchiveEntry['person']
  content: ArchiveEntry['content']
  /** SHA-256 of the content's canonical JSON (RFC 8785) as archived. */
  contentHash: string
  /** The entry's link in the library's chain. */
  hash: string
  prevHash: string
  /** Masked: content differs from what contentHash covers; the archive can show the original to a court. */
  masked: boolean
  masks: { id: string; field: EntryMask['field']; mediaIndex: number | null; ground: string }[]
}

export interface ReleaseMeta {
  library: { id: string; name: string }
  request: { id: string; diarienummer: string; receivedAt: string; description: string }
  releasedAt: string
  releasedBy: string
  locale: MarkerLocale
}

export function releasedEntries(
  entries: readonly ArchiveEntry[],
  masks: readonly EntryMask[],
  locale: MarkerLocale,
): ReleasedEntry[] {
  const people = new Map(entries.map((e) => [e.id, e.person?.remoteId]))
  return entries.map((entry) => {
    const own = effectiveMasks(entry, masks, (id) => people.get(id))
    const shown = applyMasks(entry, own, locale)
    return {
      id: entry.id,
      seq: entry.seq,
      kind: entry.kind,
      recordClass: entry.recordClass,
      subject: entry.subject,
      refersTo: entry.refersTo,
      network: entry.network,
      channelId: entry.channelId,
      remoteId: shown.remoteId,
      url: shown.url,
      occurredAt: entry.occurredAt,
      person: shown.person,
      content: shown.content,
      contentHash: entry.contentHash,
      hash: entry.hash,
      prevHash: entry.prevHash,
      masked: own.length > 0,
      masks: own.map((m) => ({
        id: m.id,
        field: m.field,
        mediaIndex: m.mediaIndex,
        ground: m.ground,
      })),
    }
  })
}

const HOW_TO_CHECK = {
  sv: 'Varje handling utan maskering kan kontrolleras: SHA-256 av fältet content skrivet som kanonisk JSON (RFC 8785) ska vara lika med contentHash. För maskerade handlingar kan biblioteket visa att originalet har samma contentHash.',
  en: 'Each record without masks can be checked: the SHA-256 of its content field written as canonical JSON (RFC 8785) equals contentHash. For masked records the library can show that the original has the same contentHash.',
} as const

/** The JSON file of a release: the entries as released and how to check them against the archive. */
export function releaseJson(meta: ReleaseMeta, entries: readonly ReleasedEntry[]): Uint8Array {
  const body = {
    format: 'torget.archive-release',
    version: 1,
    library: meta.library,
    request: {
      diarienummer: meta.request.diarienummer,
      receivedAt: meta.request.receivedAt,
      description: meta.request.description,
    },
    releasedAt: meta.releasedAt,
    releasedBy: meta.releasedBy,
    verification: HOW_TO_CHECK[meta.locale],
    entries,
  }
  return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`)
}

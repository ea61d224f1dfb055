import type { ArchiveEntry } from '../../../core/archive/entry.js'
import type { MediaSource } from '../../archive/package/write-package.js'
import type { ArchiveRepo } from '../../repos/archive-repo.js'
import { toArchiveEntry } from './chain.js'

/** Entries read from the store at a time: the package never holds more. */
const PAGE = 500

/** A library's entries that happened in [from, to) (UTC instants), in chain order, a page at a time. */
export async function* periodEntries(
  archive: ArchiveRepo,
  libraryId: string,
  from: string,
  to: string,
): AsyncGenerator<ArchiveEntry> {
  let after = 0
  for (;;) {
    const rows = await archive.period(libraryId, from, to, after, PAGE)
    for (const row of rows) yield toArchiveEntry(row) satisfies ArchiveEntry
    if (rows.length < PAGE) return
    after = Number(rows.at(-1)!.seq)
  }
}

/** The archive's own copy of a media file, by its SHA-256. */
export function archiveMedia(archive: ArchiveRepo, libraryId: string): MediaSource {
  return async (sha256) => {
    const row = await archive.media(libraryId, sha256)
    if (!row) return null
    // A view, not a copy: both drivers hand back a Buffer already.
    const { data } = row
    return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  }
}

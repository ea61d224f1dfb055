import { createHash, hash } from 'node:crypto'
import { type ArchiveEntry, type ArchiveMedia, GENESIS_HASH } from '../../../core/archive/entry.js'
import type { PackageMetadata } from './write-package.js'

/*
 * Synthetic archive entries for the package's tests and benchmark. The hashes
 * only look like a chain: the package carries them, it does not compute them.
 */
export function metadata(overrides: Partial<PackageMetadata> = {}): PackageMetadata {
  return {
    library: {
      id: 'lib-1',
      name: 'Malmö stadsbibliotek/Garaget',
      organisationNumber: '212000-1124',
    },
    accounts: [
      {
        channelId: 'ch-1',
        network: 'bluesky',
        handle: 'garaget.bsky.social',
        url: 'https://bsky.app/profile/garaget.bsky.social',
      },
    ],
    period: { from: '2025-01-01', to: '2025-12-31' },
    torgetVersion: '0.1.0',
    createdAt: '2026-01-15T09:00:00.000Z',
    createdBy: 'Arkivarie Åsa',
    timeZone: 'UTC',
    ...overrides,
  }
}

export function mediaBytes(n: number, size = 2048): Buffer {
  const bytes = Buffer.alloc(size)
  for (let i = 0; i < size; i += 32)
    createHash('sha256').update(`${n}:${i}`).digest().copy(bytes, i)
  return bytes
}

export function mediaOf(bytes: Buffer, alt = 'En bild'): ArchiveMedia {
  return {
    sha256: hash('sha256', bytes, 'hex'),
    mimeType: 'image/jpeg',
    byteSize: bytes.length,
    alt,
  }
}

let previous = GENESIS_HASH
export function entry(
  seq: number,
  fields: Partial<ArchiveEntry> & Pick<ArchiveEntry, 'kind' | 'content'>,
): ArchiveEntry {
  if (seq === 1) previous = GENESIS_HASH
  const chained = hash('sha256', `${seq}:${previous}`, 'hex')
  const made: ArchiveEntry = {
    id: `e-${seq}`,
    libraryId: 'lib-1',
    seq,
    recordClass: fields.kind.startsWith('item_') ? 'inkommen' : 'upprattad',
    subject: `post:pub-${seq}`,
    refersTo: null,
    channelId: 'ch-1',
    network: 'bluesky',
    remoteId: `at://did:plc:x/app.bsky.feed.post/${seq}`,
    url: `https://bsky.app/profile/garaget.bsky.social/post/${seq}`,
    occurredAt: new Date(Date.UTC(2025, 0, 1) + seq * 3_600_000).toISOString(),
    capturedAt: new Date(Date.UTC(2025, 0, 1) + seq * 3_600_000 + 1000).toISOString(),
    person: null,
    contentHash: hash('sha256', `content ${seq}`, 'hex'),
    prevHash: previous,
    hash: chained,
    weededBy: null,
    ...fields,
  }
  previous = chained
  return made
}

export function published(seq: number, text: string, media: ArchiveMedia[] = []): ArchiveEntry {
  return entry(seq, {
    kind: 'post_published',
    content: {
      kind: 'post_published',
      postId: `post-${seq}`,
      publicationId: `pub-${seq}`,
      text,
      language: 'sv',
      link: null,
      media,
      writtenBy: { id: 'm-1', name: 'Kim' },
      approvedBy: [{ id: 'm-2', name: 'Ali', at: '2025-01-01T08:00:00Z' }],
      publishedBy: { id: 'm-2', name: 'Ali' },
      inReplyTo: null,
      policyVersion: '3',
    },
  })
}

export async function* iterate<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item
}

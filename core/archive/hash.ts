import canonicalize from 'canonicalize'
import type { ArchiveContent, ArchiveEntry } from './entry.js'

/**
 * How an archive entry is hashed, so that anyone can check a chain with
 * nothing but the exported entries, a SHA-256 tool and an RFC 8785 (JSON
 * Canonicalization Scheme) serializer:
 *
 *   contentHash = hex(sha256(utf8(JCS(content))))
 *   hash        = hex(sha256(utf8(prevHash + "\n" + contentHash + "\n" + JCS(header))))
 *
 * where `content` is the entry's content object exactly as stored, `prevHash`
 * is the hash of the library's previous entry (GENESIS_HASH, 64 zeros, for
 * seq 1), and `header` is this object, every field present (null when empty):
 *
 *   { seq, kind, subject, refersTo, occurredAt, capturedAt, remoteId, url,
 *     person: { remoteId, handle, name } | null }
 *
 * seq is in the header so that a removed entry breaks the chain even where the
 * prevHash links alone would not show a gap at the end. The row's id, library,
 * channel, network and weeding mark are not hashed: they are where the entry is
 * filed, not what it records; the channel and network are implied by the
 * remote id and url, which are hashed.
 */
export type HashedHeader = Pick<
  ArchiveEntry,
  | 'seq'
  | 'kind'
  | 'subject'
  | 'refersTo'
  | 'occurredAt'
  | 'capturedAt'
  | 'remoteId'
  | 'url'
  | 'person'
>

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value)
  if (text === undefined) throw new Error('a value JSON cannot hold')
  return text
}

/** Hex SHA-256 of a text's UTF-8 bytes; given by the caller, since core does no I/O or Node. */
export type Sha256Hex = (text: string) => string

export interface ArchiveHasher {
  contentHash(content: ArchiveContent): string
  entryHash(prevHash: string, contentHash: string, header: HashedHeader): string
}

export function archiveHasher(sha256: Sha256Hex): ArchiveHasher {
  return {
    contentHash: (content) => sha256(canonicalJson(content)),
    entryHash: (prevHash, contentHashHex, header) =>
      sha256(`${prevHash}\n${contentHashHex}\n${canonicalJson(hashedHeader(header))}`),
  }
}

function hashedHeader(header: HashedHeader) {
  return {
    seq: header.seq,
    kind: header.kind,
    subject: header.subject,
    refersTo: header.refersTo,
    occurredAt: header.occurredAt,
    capturedAt: header.capturedAt,
    remoteId: header.remoteId,
    url: header.url,
    person: header.person
      ? { remoteId: header.person.remoteId, handle: header.person.handle, name: header.person.name }
      : null,
  }
}

import { createHash } from 'node:crypto'

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz'
const TID_LENGTH = 13

/**
 * The record key of a publication's post: a TID computed from the publication
 * id alone, so every attempt, on any worker, asks for the same key and the PDS
 * can hold at most one post per publication.
 *
 * `app.bsky.feed.post` requires TID keys. A TID is 53 bits of microseconds
 * since 1970 and 10 bits of clock id; here both come from SHA-256 of the id,
 * with the time placed between 2005 and 2023 so no key claims to be from the
 * future (the key's time is not the post's time; `createdAt` is).
 *
 * The PDS refuses keys its slur filter matches, and a refused key could never
 * be retried under another name. With a leading digit only its pattern that
 * starts with "n" can match, so candidates containing "n" are skipped; the
 * next candidate hashes a counter in, which keeps the choice deterministic.
 */
export function recordKeyFor(publicationId: string): string {
  return tidFor(`post:${publicationId}`)
}

/** A TID record key derived from `seed` alone, as recordKeyFor; e.g. one block record per account blocked. */
export function tidFor(seed: string): string {
  for (let candidate = 0; ; candidate++) {
    const digest = createHash('sha256').update(`torget:bluesky:${seed}:${candidate}`).digest()
    const bits = digest.readBigUInt64BE(0)
    const micros = (1n << 50n) | (bits & ((1n << 49n) - 1n))
    const clockId = (bits >> 49n) & 1023n
    const key = encodeTid((micros << 10n) | clockId)
    if (!key.includes('n')) return key
  }
}

function encodeTid(value: bigint): string {
  let out = ''
  for (let rest = value; rest > 0n; rest >>= 5n) {
    out = BASE32_SORTABLE[Number(rest & 31n)] + out
  }
  return out.padStart(TID_LENGTH, '2')
}

/** The post's public address; the DID keeps it valid when the handle changes. */
export function postUrl(did: string, recordKey: string): string {
  return `https://bsky.app/profile/${did}/post/${recordKey}`
}

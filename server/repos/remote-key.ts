/**
 * The remote id as deduplication looks it up: a Bluesky at-URI with its record key (a time id)
 * first, so the keys of a read, all recent, sit side by side in the unique index rather than
 * each on a random page; other ids as they are. One id, one key; migration 039 says the same
 * in SQL for the rows stored before it.
 */
export function remoteKey(remoteId: string): string {
  if (!remoteId.startsWith('at://')) return remoteId
  const slash = remoteId.lastIndexOf('/')
  return `${remoteId.slice(slash + 1)} ${remoteId.slice(0, slash + 1)}`
}

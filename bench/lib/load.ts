import autocannon from 'autocannon'

/**
 * autocannon in a worker thread of its own. In the bench's own thread it shared a heap with
 * the library the bench had just built, and its collections of that heap were counted as the
 * server's latency: with three million rows held beside it, the same server measured 460
 * requests/s at p99 24–31 ms instead of 790–870 at 17–18 ms.
 */
export function load(options: autocannon.Options) {
  return autocannon({ ...options, workers: 1 })
}

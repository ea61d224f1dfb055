// `search p99` for `npm run bench -- archive`: the list route with words to find, under load
// from autocannon, the requests rotating through what a registrar or a member looks for.
import autocannon from 'autocannon'
import type { ChannelRow } from '../../server/repos/channels-repo.js'
import type { BenchServer } from './bench-db.js'
import { handleOf } from './archive-load.js'

export interface SearchRun {
  queries: number
  single: string[]
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  empty: number
}

/** Common and rare words, one and two words, with a channel, a period, a person. */
function queries(channels: readonly ChannelRow[]): string[] {
  const year = new Date().getUTCFullYear()
  const q = (text: string) => `q=${encodeURIComponent(text)}`
  return [
    q('öppettider'),
    q('biblioteket'),
    q('Strindberg'),
    q('ljudböcker arabiska'),
    q('Pippi Långstrump'),
    q('tack sagostunden'),
    q('e-böcker appen'),
    `${q('påminnelse')}&channel=${channels[1]!.id}`,
    `${q('läxhjälpen')}&from=${year - 1}-01-01&to=${year - 1}-03-31`,
    `${q('vattenskada')}&channel=${channels[2]!.id}`,
    `${q('författarkvällen')}&person=${encodeURIComponent(handleOf(0, true))}`,
    `${q('bokcirkel höst')}&from=${year - 1}-09-01&to=${year - 1}-12-31`,
  ]
}

export async function searchLoad(
  server: BenchServer,
  libraryId: string,
  channels: readonly ChannelRow[],
  connections: number,
  durationS: number,
): Promise<SearchRun> {
  const base = `/api/v1/libraries/${libraryId}/archive/entries`
  const headers = { cookie: server.cookie }
  const filters = queries(channels)
  // One request at a time first: what each query costs on its own, and that each finds something.
  // The socket setup used sat idle through the load and the capture; the server may have closed it.
  await fetch(`${server.base}${base}`, { headers }).catch(() => undefined)
  const single: string[] = []
  let empty = 0
  for (const filter of filters) {
    const times: number[] = []
    let items = 0
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const res = await fetch(`${server.base}${base}?${filter}`, { headers })
      if (res.status !== 200) throw new Error(`GET ${base}?${filter} → ${res.status}`)
      items = ((await res.json()) as { items: unknown[] }).items.length
      times.push(performance.now() - t0)
    }
    if (items === 0) empty++
    times.sort((a, b) => a - b)
    single.push(`${decodeURIComponent(filter)}: ${times[2]!.toFixed(0)} ms, ${items} found`)
  }
  const requests = filters.map((f) => ({ method: 'GET' as const, path: `${base}?${f}` }))
  await autocannon({ url: server.base, requests, connections, duration: 2, headers })
  const loaded = await autocannon({
    url: server.base,
    requests,
    connections,
    duration: durationS,
    headers,
  })
  return {
    queries: filters.length,
    single,
    requestsPerSecond: loaded.requests.average,
    p50: loaded.latency.p50,
    p99: loaded.latency.p99,
    errors: loaded.errors,
    non2xx: loaded.non2xx,
    empty,
  }
}

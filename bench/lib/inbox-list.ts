// The list half of `npm run bench -- inbox`: GET /inbox/items under load, through the filters
// people use, against a `torget serve` whose library holds the whole inbox.
import autocannon from 'autocannon'
import { check } from '../support.js'
import type { BenchServer } from './bench-db.js'
import type { Library } from './inbox-library.js'

export const line = (label: string, value: string, target = '', ok?: boolean) =>
  console.log(
    `  ${label.padEnd(40)} ${value.padStart(14)}   ${target ? `target ${target.padEnd(9)}` : ''.padEnd(16)} ${ok === undefined ? '' : check(label, ok)}`,
  )

export async function listBench(
  server: BenchServer,
  library: Library,
  total: number,
  connections: number,
  durationS: number,
) {
  const base = `/api/v1/libraries/${library.id}/inbox/items`
  const headers = { cookie: server.cookie }
  const [ch0, ch1, ch2] = library.channels.map((c) => c.row.id)
  const tag = library.tags.find((t) => t.name === 'fråga')!.id
  const filters = [
    'state=open',
    `state=open&channel=${ch0}`,
    'assignee=me',
    `tag=${tag}`,
    `channel=${ch2}`,
    `state=new&channel=${ch1}`,
  ]
  // The socket setup used sat idle through the load and the ingest; the server may have closed it.
  const first = await fetch(`${server.base}${base}?state=open`, { headers }).catch(() =>
    fetch(`${server.base}${base}?state=open`, { headers }),
  )
  if (first.status !== 200) {
    console.log(`  GET ${base} → ${first.status}`)
    line('inbox list p99', 'no route', '< 50 ms', false)
    return
  }
  const page = (await first.json()) as { items: unknown[]; nextCursor: string | null }
  const counts = await (
    await fetch(`${server.base}${base.replace(/items$/, 'counts')}`, { headers })
  ).json()
  if (page.nextCursor) filters.push(`state=open&cursor=${page.nextCursor}`)
  // One request at a time first: what each filter costs on its own.
  const single: string[] = []
  let empty = 0
  for (const filter of filters) {
    const times: number[] = []
    let items = 0
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now()
      const res = await fetch(`${server.base}${base}?${filter}`, { headers })
      items = ((await res.json()) as { items: unknown[] }).items.length
      times.push(performance.now() - t0)
    }
    if (items === 0) empty++
    times.sort((a, b) => a - b)
    single.push(
      `${filter.split('=')[0]}${filter.includes('cursor') ? ' p.2' : ''} ${times[10]!.toFixed(1)}`,
    )
  }
  const requests = filters.map((f) => ({ method: 'GET' as const, path: `${base}?${f}` }))
  // A server in use has compiled its hot code and each pooled connection has planned each
  // filter; from a cold start that took about five seconds under this load (3-second windows:
  // 449, then 494-521 requests/s), so the measured run starts after that.
  await autocannon({ url: server.base, requests, connections, duration: 5, headers })
  const loaded = await autocannon({
    url: server.base,
    requests,
    connections,
    duration: durationS,
    headers,
  })
  console.log(
    `  ${total.toLocaleString('en')} items; open: ${JSON.stringify(counts)}; ${filters.length} filters in turn; one at a time, median ms: ${single.join(', ')}`,
  )
  line(`inbox list, ${connections} connections: req/s`, loaded.requests.average.toFixed(0))
  line(`inbox list, ${connections} connections: p50`, `${loaded.latency.p50} ms`)
  line('inbox list p99', `${loaded.latency.p99} ms`, '< 50 ms', loaded.latency.p99 < 50)
  line(
    'errors / non-2xx / empty pages',
    `${loaded.errors} / ${loaded.non2xx} / ${empty}`,
    '0 / 0 / 0',
    loaded.errors + loaded.non2xx + empty === 0,
  )
}

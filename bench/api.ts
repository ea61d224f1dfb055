// Throughput and latency of an authenticated workspace read on SQLite, cold
// start to ready, and idle memory. Traffic goes to loopback only, bounded in
// time. Targets (2 cores): ≥ 5,000 req/s, p99 < 20 ms, ready < 2 s, RSS < 150 MB, on
// full answers; the same read revalidated with its ETag (304) is shown apart.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { check, failIfMissed, spawnTracked, stopChild } from './support.js'

const root = path.resolve(import.meta.dirname, '..')
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torget-bench-'))
const port = 3900 + Math.floor(Math.random() * 90)
const base = `http://127.0.0.1:${port}`

async function startServer() {
  const started = performance.now()
  const child = spawnTracked(
    process.execPath,
    [path.join(root, 'bin/torget.js'), 'serve', '--demo=members'],
    {
      env: { ...process.env, TORGET_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error('server did not become ready in 30 s')
    await new Promise((r) => setTimeout(r, 10))
  }
  return { child, readyMs: performance.now() - started }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024
}

// First start creates and migrates the database; the second is the cold start a restart sees.
const first = await startServer()
await stopChild(first.child)
const { child, readyMs } = await startServer()

try {
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ansvarig@exempelbiblioteket.se', password: 'exempel-losenord' }),
  })
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
  const session = (await signIn.json()) as { memberships: { libraryId: string }[] }
  const url = `${base}/api/v1/libraries/${session.memberships[0]!.libraryId}/workspace`

  await new Promise((r) => setTimeout(r, 2000))
  const idle = rssMb(child.pid!)

  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } }) // warm-up
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { cookie },
  })
  const ok = result.errors === 0 && result.non2xx === 0
  // The same server and load generator on an endpoint that does no work: what this machine allows at all.
  const ceiling = await autocannon({
    url: `${base}/healthz`,
    connections: CONNECTIONS,
    duration: Math.min(5, DURATION_S),
  })
  // A browser that holds the shell already asks with its tag and gets 304 without a body. The
  // load generator above sends no tag, so the targets are judged on full answers; this is apart.
  const tag = (await fetch(url, { headers: { cookie } })).headers.get('etag') ?? ''
  const revalidated = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: Math.min(5, DURATION_S),
    headers: { cookie, 'if-none-match': tag },
  })

  const line = (label: string, value: string, target: string, pass: boolean) =>
    console.log(
      `${label.padEnd(34)} ${value.padStart(12)}   target ${target.padEnd(10)} ${check(label, pass)}`,
    )
  console.log(
    `\nTorget API benchmark — SQLite, GET workspace as a signed-in member, ${CONNECTIONS} connections, ${DURATION_S} s, ${os.cpus().length} cores`,
  )
  line(
    'requests per second (mean)',
    result.requests.average.toFixed(0),
    '≥ 5000',
    result.requests.average >= 5000,
  )
  line('latency p50', `${result.latency.p50} ms`, '', true)
  line('latency p99', `${result.latency.p99} ms`, '< 20 ms', result.latency.p99 < 20)
  line('cold start to ready', `${readyMs.toFixed(0)} ms`, '< 2000 ms', readyMs < 2000)
  line('idle RSS after start', `${idle.toFixed(0)} MB`, '< 150 MB', idle < 150)
  line('ceiling: GET /healthz (no work)', `${ceiling.requests.average.toFixed(0)} req/s`, '', true)
  line('errors / non-2xx', `${result.errors} / ${result.non2xx}`, '0 / 0', ok)
  line(
    'revalidated, 304 (req/s; p99)',
    `${revalidated.requests.average.toFixed(0)}; ${revalidated.latency.p99} ms`,
    'all 304',
    revalidated.errors === 0 && revalidated['3xx'] === revalidated.requests.total,
  )
} finally {
  await stopChild(child)
  fs.rmSync(dataDir, { recursive: true, force: true })
}
failIfMissed()

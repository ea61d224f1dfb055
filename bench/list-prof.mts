import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { spawnTracked, stopChild } from './support.js'
const [url, dataDir] = process.argv.slice(2) as [string, string]
const port = 3999
const base = `http://127.0.0.1:${port}`
const child = spawnTracked(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/srvprof'] : []), path.resolve('bin/torget.js'), 'serve', '--role=web'], {
  env: { ...process.env, TORGET_DATA_DIR: dataDir, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] })
for (;;) { try { if ((await fetch(`${base}/readyz`)).ok) break } catch {} await new Promise((r) => setTimeout(r, 50)) }
const res = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'astrid@bibliotek.test', password: 'ett-langt-losenord' }) })
const cookie = res.headers.get('set-cookie')!.split(';')[0]!
const c = new pg.Client(url); await c.connect()
const lib = (await c.query('select id from libraries limit 1')).rows[0].id
const ch = (await c.query('select id from channels where library_id=$1 order by handle', [lib])).rows.map((r) => r.id)
const tag = (await c.query(`select id from inbox_tags where library_id=$1 and name='fråga'`, [lib])).rows[0].id
await c.end()
const b = `/api/v1/libraries/${lib}/inbox/items`
const headers = { cookie }
const first = await (await fetch(`${base}${b}?state=open`, { headers })).json() as any
(await import('node:fs')).writeFileSync('/tmp/page.json', JSON.stringify(first, null, 1))
const filters = ['state=open', `state=open&channel=${ch[0]}`, 'assignee=me', `tag=${tag}`, `channel=${ch[2]}`, `state=new&channel=${ch[1]}`, `state=open&cursor=${first.nextCursor}`]
const requests = filters.map((f) => ({ method: 'GET' as const, path: `${b}?${f}` }))
await autocannon({ url: base, requests, connections: 8, duration: 2, headers })
for (let i = 0; i < Number(process.env.RUNS ?? 2); i++) {
  const r = await autocannon({ url: base, requests, connections: 8, duration: Number(process.env.DUR ?? 10), headers })
  console.log(`req/s ${r.requests.average.toFixed(0)} p50 ${r.latency.p50} p90 ${r.latency.p90} p99 ${r.latency.p99} max ${r.latency.max} non2xx ${r.non2xx}`)
}
await stopChild(child)

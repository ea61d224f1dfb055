// The demo seed (issue 14): `npm start -- --demo` must show a library at work within seconds.
// For each dialect, a fresh database: the first seed (as a newcomer's first start: the members'
// passwords hashed, the programme imported in its worker thread), then RUNS resets, each
// retiring the demo library and seeding a new one. Target: every seed < 5 s.
//
// BENCH_RUNS (default 3), BENCH_PARTS (default sqlite,postgres).
import { resetDemo, seedDemo } from '../server/services/demo/demo-seed.js'
import { postgresAvailable } from '../server/test/databases.js'
import { createTestApp } from '../server/test/harness.js'
import { check, failIfMissed } from './support.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const PARTS = (process.env.BENCH_PARTS ?? 'sqlite,postgres').split(',')
const TARGET_MS = 5_000

const line = (label: string, ms: number) =>
  console.log(
    `  ${label.padEnd(40)} ${`${(ms / 1000).toFixed(2)} s`.padStart(10)}   target < 5 s   ${check(label, ms < TARGET_MS)}`,
  )

for (const dialect of ['sqlite', 'postgres'] as const) {
  if (!PARTS.includes(dialect)) continue
  if (dialect === 'postgres' && !(await postgresAvailable())) continue
  const app = await createTestApp(dialect)
  try {
    console.log(`\n${dialect}`)
    const first = await seedDemo(app.torget)
    line('first seed', first.ms)
    const resets: number[] = []
    for (let i = 0; i < RUNS; i++) resets.push((await resetDemo(app.torget)).ms)
    line(`reset and seed again (slowest of ${RUNS})`, Math.max(...resets))
  } finally {
    await app.close()
  }
}
failIfMissed()

// Fault injection: schedules N posts to a real PDS (@atproto/dev-env on
// loopback), SIGKILLs the worker K times at random moments, restarts it each
// time, and counts the records on the PDS at the end — on SQLite and, when it
// answers, PostgreSQL. Every post must be there exactly once.
import { postgresAvailable } from '../server/test/databases.js'
import { publishChaos } from '../server/test/chaos.js'

const posts = Number(process.env.CHAOS_POSTS ?? 60)
const kills = Number(process.env.CHAOS_KILLS ?? 8)
let failed = false
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (dialect === 'postgres' && !(await postgresAvailable())) {
    console.log('postgres: not reachable at 127.0.0.1:5432; skipped')
    continue
  }
  const r = await publishChaos({ dialect, posts, kills, log: (line) => console.log(`  ${line}`) })
  const ok = r.recordsOnPds === posts && r.duplicates === 0 && r.missing === 0
  failed ||= !ok
  console.log(
    `${dialect}: ${posts} posts, worker killed ${kills} times → ${r.recordsOnPds} records on the PDS, ${r.duplicates} duplicates, ${r.missing} missing, ${r.published} marked published (${r.seconds} s) ${ok ? 'ok' : 'FAILED'}`,
  )
}
process.exit(failed ? 1 : 0)

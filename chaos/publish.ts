// Fault injection: schedules N posts to a real PDS (@atproto/dev-env on
// loopback), SIGKILLs the worker K times at random moments, restarts it each
// time, and counts the records on the PDS at the end — on SQLite and, when it
// answers, PostgreSQL. Every post must be there exactly once; what is not
// is named, and the exit code is non-zero.
import { check, cleanupOnExit, failIfMissed, spawnTracked } from '../bench/support.js'
import { publishChaos } from '../server/test/chaos.js'
import { postgresAvailable } from '../server/test/databases.js'

const posts = Number(process.env.CHAOS_POSTS ?? 60)
const kills = Number(process.env.CHAOS_KILLS ?? 8)
cleanupOnExit()
for (const dialect of ['sqlite', 'postgres'] as const) {
  if (dialect === 'postgres' && !(await postgresAvailable())) {
    console.log('postgres: not reachable at 127.0.0.1:5432; skipped')
    continue
  }
  const r = await publishChaos({
    dialect,
    posts,
    kills,
    log: (line) => console.log(`  ${line}`),
    spawn: spawnTracked,
  })
  const verdicts = [
    check(`${dialect}: ${posts} records on the PDS`, r.recordsOnPds === posts),
    check(`${dialect}: no duplicates`, r.duplicates === 0),
    check(`${dialect}: none missing`, r.missing === 0),
    check(`${dialect}: all marked published`, r.published === posts),
  ]
  console.log(
    `${dialect}: ${posts} posts, worker killed ${kills} times → ${r.recordsOnPds} records on the PDS, ${r.duplicates} duplicates, ${r.missing} missing, ${r.published} marked published (${r.seconds} s) ${verdicts.every((v) => v === 'ok') ? 'ok' : 'FAILED'}`,
  )
}
failIfMissed()

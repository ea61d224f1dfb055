// CPU time spent, next to wall time: on a machine shared with other work the wall clock says as
// much about the neighbours as about the code, while the CPU seconds a run costs stay put.
import fs from 'node:fs'
import { sql } from 'kysely'
import type { Db, Dialect } from '../../server/db/database.js'

// Linux counts a process's time in clock ticks (USER_HZ), 100 a second on every common build.
const TICK_MS = 10

function processTicks(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime is the 14th field, stime the 15th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

async function backendTicks(db: Db): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(db)
  return new Map(rows.map((r) => [r.pid, processTicks(r.pid)]))
}

/** Starts counting; `stop()` gives this process's CPU ms and the database server's (PostgreSQL's backends; SQLite runs in this process). */
export async function cpuMeter(db: Db, dialect: Dialect) {
  const own = process.cpuUsage()
  const backends = dialect === 'postgres' ? await backendTicks(db) : new Map<number, number>()
  return {
    async stop() {
      const used = process.cpuUsage(own)
      let database = 0
      if (dialect === 'postgres')
        for (const [pid, ticks] of await backendTicks(db))
          database += (ticks - (backends.get(pid) ?? 0)) * TICK_MS
      return { processMs: (used.user + used.system) / 1000, databaseMs: database }
    },
  }
}

import { type Transaction, sql } from 'kysely'
import type { DatabaseHandle, Db } from './database.js'
import type { Database } from './schema/index.js'

/** What `db.transaction()` gives; the isolation level and access mode are the outer transaction's. */
interface NestedBuilder {
  setIsolationLevel(level: string): NestedBuilder
  setAccessMode(mode: string): NestedBuilder
  execute<T>(work: (trx: Db) => Promise<T>): Promise<T>
}

/**
 * Runs `work` with a handle whose every query is part of one transaction on one
 * connection, committed when `work` resolves and rolled back if it throws. A
 * transaction begun on the handle (as services and repositories do) becomes a
 * savepoint, so one that fails is undone alone, as it would be on its own.
 *
 * For work of thousands of small writes done at once (the demo seed): on
 * PostgreSQL each commit waits for its WAL to reach the disk, and on SQLite
 * each rewrites the pages it touched; here there is one. Whatever runs inside
 * must not use another handle: on SQLite, whose one connection this holds,
 * it would wait for ever.
 */
export async function inOneTransaction<T>(
  handle: DatabaseHandle,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  return handle.db.transaction().execute((trx) =>
    work({
      ...handle,
      db: savepointing(trx, 1),
      close: () => Promise.reject(new Error('The transaction belongs to whoever began it')),
    }),
  )
}

function savepointing(trx: Transaction<Database>, depth: number): Db {
  // Savepoints nest on one connection: two begun side by side would release each other's.
  let turn: Promise<unknown> = Promise.resolve()
  // Named by depth, not one name each: those begun in turn reuse it, and so the
  // statement stays one of the few PostgreSQL keeps prepared per connection (see database.ts).
  const name = sql.raw(`nested_${depth}`)
  const nested = (): NestedBuilder => ({
    setIsolationLevel: nested,
    setAccessMode: nested,
    execute<T>(inner: (trx: Db) => Promise<T>): Promise<T> {
      const run = turn.then(async () => {
        await sql`savepoint ${name}`.execute(trx)
        try {
          const result = await inner(savepointing(trx, depth + 1))
          await sql`release savepoint ${name}`.execute(trx)
          return result
        } catch (error) {
          await sql`rollback to savepoint ${name}`.execute(trx)
          throw error
        }
      })
      turn = run.catch(() => undefined)
      return run
    },
  })
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return nested
      const value: unknown = Reflect.get(target, property, target)
      // Kysely keeps its state in private fields, which only the object itself may read.
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as unknown as Db
}

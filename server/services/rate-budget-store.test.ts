import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChannelError } from '../adapters/channels/channel-adapter.js'
import type { BudgetPool } from '../adapters/channels/rate-budget.js'
import { type DatabaseHandle, openDatabase } from '../db/database.js'
import { availableDialects, createTestDatabase, type TestDatabase } from '../test/databases.js'
import { databaseRateBudget } from './rate-budget-store.js'

const POOL: BudgetPool = {
  name: 'writes',
  network: 'bluesky',
  what: 'posts and deletions',
  windows: [
    { ms: 60 * 60_000, points: 90 },
    { ms: 24 * 60 * 60_000, points: 150 },
  ],
}

describe.each(await availableDialects())('the shared rate budget on %s', (dialect) => {
  let database: TestDatabase
  let other: DatabaseHandle
  let now = Date.parse('2026-12-07T09:00:00Z')
  const clock = { now: () => new Date(now) }

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    // A second connection, as another worker process has.
    other = openDatabase({ url: database.url, sqlitePath: database.sqlitePath })
  })
  afterAll(async () => {
    await other?.close()
    await database?.drop()
  })

  it('lets two processes together spend no more than the window holds, and says when to try again', async () => {
    const a = databaseRateBudget(database.db, clock)
    const b = databaseRateBudget(other.db, clock)
    const spendMany = (budget: typeof a, n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          budget.spend('did:plc:library', POOL, 3).then(
            () => 'spent' as const,
            (error: unknown) => error,
          ),
        ),
      )
    // better-sqlite3 is synchronous: two connections in one process would block the thread on
    // each other's lock, so on SQLite the second "process" spends after the first (separate
    // processes, the real case, wait on the file's lock). PostgreSQL's pools race for real.
    const results =
      dialect === 'postgres'
        ? (await Promise.all([spendMany(a, 20), spendMany(b, 20)])).flat()
        : [...(await spendMany(a, 20)), ...(await spendMany(b, 20))]
    expect(results.filter((r) => r === 'spent')).toHaveLength(30)
    const refusal = results.find((r) => r !== 'spent')
    expect(refusal).toBeInstanceOf(ChannelError)
    expect(refusal).toMatchObject({ kind: 'transient', code: 'rate_limited' })
    expect((refusal as ChannelError).retryAfterMs).toBeGreaterThan(59 * 60_000)
    // Another account has its own budget.
    await expect(a.spend('did:plc:other', POOL, 3)).resolves.toBeUndefined()
    // An hour later the hour's window is free again, but the day's still counts.
    now += 61 * 60_000
    for (let i = 0; i < 20; i++) await a.spend('did:plc:library', POOL, 3)
    await expect(b.spend('did:plc:library', POOL, 3)).rejects.toMatchObject({
      code: 'rate_limited',
    })
  })

  it("honours the network's own 429 in every process until its reset", async () => {
    const a = databaseRateBudget(database.db, clock)
    const b = databaseRateBudget(other.db, clock)
    await a.blockUntil('did:plc:blocked', POOL, now + 90_000)
    await expect(b.spend('did:plc:blocked', POOL, 1)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 90_000,
    })
    now += 91_000
    await expect(b.spend('did:plc:blocked', POOL, 1)).resolves.toBeUndefined()
  })
})

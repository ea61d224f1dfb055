import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'
import { inOneTransaction } from './one-transaction.js'

describe.each(await availableDialects())('work done in one transaction on %s', (dialect) => {
  let database: TestDatabase
  const at = new Date().toISOString()

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterAll(async () => database?.drop())

  const names = async () =>
    (await database.db.selectFrom('libraries').select('name').orderBy('name').execute()).map(
      (r) => r.name,
    )
  const add = (store: ReturnType<typeof createStore>, name: string) =>
    store.repos.libraries.insert({
      id: newId(),
      name,
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now: at,
    })

  it('keeps what it wrote, undoes a transaction begun inside that failed, and goes on after it', async () => {
    await inOneTransaction(database, async (scoped) => {
      const store = createStore(scoped.db)
      await add(store, 'A')
      await store.transaction(async (repos) => {
        await add({ ...store, repos }, 'B')
      })
      // A failed write inside (here a duplicate id) is undone alone, as its own transaction
      // would be; PostgreSQL would otherwise refuse every statement after it.
      const id = newId()
      await expect(
        store.transaction(async (repos) => {
          await repos.libraries.insert({ id, name: 'C', timeZone: 'UTC', locale: 'sv', now: at })
          await repos.libraries.insert({ id, name: 'D', timeZone: 'UTC', locale: 'sv', now: at })
        }),
      ).rejects.toThrow()
      await store.transaction(async (repos) =>
        repos.libraries.insert({ id: newId(), name: 'E', timeZone: 'UTC', locale: 'sv', now: at }),
      )
      // Nothing is visible outside until the whole has committed (PostgreSQL; SQLite's one
      // connection is held, so it is not asked).
      if (dialect === 'postgres') expect(await names()).toEqual([])
    })
    expect(await names()).toEqual(['A', 'B', 'E'])
  })

  it('undoes everything when the work fails', async () => {
    await expect(
      inOneTransaction(database, async (scoped) => {
        const store = createStore(scoped.db)
        await add(store, 'F')
        await store.transaction(async (repos) => add({ ...store, repos }, 'G'))
        throw new Error('the seed failed half-way')
      }),
    ).rejects.toThrow('half-way')
    expect(await names()).toEqual(['A', 'B', 'E'])
  })

  it('runs transactions begun side by side one after the other', async () => {
    await inOneTransaction(database, async (scoped) => {
      const store = createStore(scoped.db)
      await Promise.all(
        ['H', 'I', 'J'].map((name) =>
          store.transaction(async (repos) => {
            await add({ ...store, repos }, name)
            await add({ ...store, repos }, `${name}2`)
          }),
        ),
      )
    })
    expect(await names()).toEqual(['A', 'B', 'E', 'H', 'H2', 'I', 'I2', 'J', 'J2'])
  })
})

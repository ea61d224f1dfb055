import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLUESKY_LIMITS } from '../../core/composer/limits.js'
import { openDatabase } from '../db/database.js'
import { newId } from '../security/tokens.js'
import { type TestDatabase, availableDialects, createTestDatabase } from '../test/databases.js'
import { createRepos } from './index.js'
import { newPublicationRow } from './publications-repo.js'

describe.each(await availableDialects())('claiming due publications on %s', (dialect) => {
  let database: TestDatabase
  const libraryId = newId()
  const channelId = newId()
  const now = new Date().toISOString()
  const past = (ms: number) => new Date(Date.now() - ms).toISOString()

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    const repos = createRepos(database.db)
    const userId = newId()
    await repos.users.insert({
      id: userId,
      email: 'a@b.test',
      name: 'A',
      passwordHash: 'x',
      locale: 'sv',
      isInstanceAdmin: false,
      now,
    })
    await repos.libraries.insert({
      id: libraryId,
      name: 'Bibliotek',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now,
    })
    await repos.channels.insert({
      id: channelId,
      library_id: libraryId,
      network: 'bluesky',
      account_remote_id: 'did:x',
      handle: 'x.test',
      display_name: 'X',
      profile_url: '',
      credentials: 'sealed',
      limits: JSON.stringify(BLUESKY_LIMITS),
      health: 'ok',
      health_code: null,
      checked_at: now,
      created_by: userId,
      created_at: now,
      deleted_at: null,
    })
  })
  afterAll(async () => database?.drop())

  async function seed(count: number, state: 'pending' | 'draft', dueAt: string) {
    const ids: string[] = []
    await database.db.transaction().execute(async (trx) => {
      const repos = createRepos(trx)
      for (let i = 0; i < count; i++) {
        const postId = newId()
        const id = newId()
        ids.push(id)
        await repos.posts.insert({
          id: postId,
          library_id: libraryId,
          author_id: (await trx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
          text: `Inlägg ${i}`,
          variants: '{}',
          state: 'scheduled',
          scheduled_at: dueAt,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        await repos.publications.insert(
          newPublicationRow({ id, libraryId, postId, channelId, state, dueAt, now }),
        )
      }
    })
    return ids
  }

  it('takes only what is due, oldest first, and never the same one twice across workers', async () => {
    const due = await seed(300, 'pending', past(1000))
    const later = await seed(5, 'pending', new Date(Date.now() + 3_600_000).toISOString())
    const drafts = await seed(5, 'draft', past(1000))
    // A second worker: its own connection to the same database.
    const other = openDatabase({ url: database.url, sqlitePath: database.sqlitePath })
    try {
      const claimers = [createRepos(database.db), createRepos(other.db)]
      const taken: string[] = []
      await Promise.all(
        claimers.map(async (repos) => {
          for (;;) {
            const rows = await repos.publications.claimDue(
              new Date().toISOString(),
              past(60_000),
              7,
            )
            if (rows.length === 0) return
            for (const r of rows) expect(r).toMatchObject({ state: 'in_flight', attempts: 1 })
            taken.push(...rows.map((r) => r.id))
          }
        }),
      )
      expect(taken).toHaveLength(300)
      expect(new Set(taken)).toEqual(new Set(due))
      for (const id of [...later, ...drafts]) expect(taken).not.toContain(id)
    } finally {
      await other.close()
    }
  })

  it('takes back a publication whose worker died, and a retry whose outcome is unknown', async () => {
    const repos = createRepos(database.db)
    const [stuck] = await seed(1, 'pending', past(10_000))
    const [unknown] = await seed(1, 'pending', past(10_000))
    const [live] = await seed(1, 'pending', past(10_000))
    const first = await repos.publications.claimDue(now, past(60_000), 10)
    expect(first.map((r) => r.id).sort()).toEqual([stuck, unknown, live].sort())
    await repos.publications.settle(
      libraryId,
      unknown!,
      1,
      { state: 'unknown', due_at: past(1) },
      now,
    )
    await database.db
      .updateTable('publications')
      .set({ attempt_started_at: past(200_000) })
      .where('id', '=', stuck!)
      .execute()
    const again = await repos.publications.claimDue(new Date().toISOString(), past(120_000), 10)
    expect(again.map((r) => [r.id, r.attempts]).sort()).toEqual(
      [
        [stuck, 2],
        [unknown, 2],
      ].sort(),
    )
  })
  it('brings forward only this channel’s publications waiting for a retry, soonest first, up to the limit', async () => {
    const repos = createRepos(database.db)
    const userId = (await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id
    const otherLibrary = newId()
    await repos.libraries.insert({
      id: otherLibrary,
      name: 'Annat bibliotek',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now,
    })
    const channel = async (library: string) => {
      const id = newId()
      await repos.channels.insert({
        id,
        library_id: library,
        network: 'bluesky',
        account_remote_id: `did:${id}`,
        handle: `${id}.test`,
        display_name: 'X',
        profile_url: '',
        credentials: 'sealed',
        limits: JSON.stringify(BLUESKY_LIMITS),
        health: 'ok',
        health_code: null,
        checked_at: now,
        created_by: userId,
        created_at: now,
        deleted_at: null,
      })
      return id
    }
    const [a, b, c] = [
      await channel(libraryId),
      await channel(libraryId),
      await channel(otherLibrary),
    ]
    const at = Date.now()
    const inMs = (ms: number) => new Date(at + ms).toISOString()
    const publication = async (
      library: string,
      channelId: string,
      patch: Partial<ReturnType<typeof newPublicationRow>>,
    ) => {
      const postId = newId()
      const id = newId()
      await repos.posts.insert({
        id: postId,
        library_id: library,
        author_id: userId,
        text: 'Inlägg',
        variants: '{}',
        state: 'scheduled',
        scheduled_at: inMs(0),
        version: 1,
        created_at: now,
        updated_at: now,
      })
      await repos.publications.insert({
        ...newPublicationRow({
          id,
          libraryId: library,
          postId,
          channelId,
          state: 'pending',
          dueAt: inMs(0),
          now,
        }),
        attempts: 2,
        error_kind: 'transient',
        error_code: 'server_error',
        retrying_since: inMs(-60_000),
        ...patch,
      })
      return id
    }
    const retrying = (ms: number) => publication(libraryId, a, { due_at: inMs(ms) })
    const third = await retrying(30_000)
    const first = await retrying(10_000)
    const second = await retrying(20_000)
    const lookingFirst = await publication(libraryId, a, {
      state: 'unknown',
      error_kind: 'unknown',
      error_code: 'timeout',
      due_at: inMs(25_000),
    })
    const untouched = [
      // The network asked for this wait.
      await publication(libraryId, a, { error_code: 'rate_limited', due_at: inMs(20_000) }),
      // Scheduled for later, never failed.
      await publication(libraryId, a, {
        attempts: 0,
        error_kind: null,
        error_code: null,
        retrying_since: null,
        due_at: inMs(3_600_000),
      }),
      await publication(libraryId, a, { state: 'draft', due_at: inMs(15_000) }),
      await publication(libraryId, b, { due_at: inMs(15_000) }),
      await publication(otherLibrary, c, { due_at: inMs(15_000) }),
    ]
    const dueOf = async (ids: string[]) =>
      Object.fromEntries(
        (
          await database.db
            .selectFrom('publications')
            .select(['id', 'due_at'])
            .where('id', 'in', ids)
            .execute()
        ).map((r) => [r.id, new Date(r.due_at).toISOString()]),
      )
    const before = await dueOf(untouched)
    const nowIso = inMs(0)
    expect(await repos.publications.bringForward(libraryId, a, nowIso, 3)).toBe(3)
    expect(await dueOf([first!, second!, lookingFirst!, third!])).toEqual({
      [first!]: nowIso,
      [second!]: nowIso,
      [lookingFirst!]: nowIso,
      [third!]: inMs(30_000),
    })
    expect(await repos.publications.bringForward(libraryId, a, nowIso, 3)).toBe(1)
    expect(await repos.publications.bringForward(libraryId, a, nowIso, 3)).toBe(0)
    expect(await dueOf(untouched)).toEqual(before)
  })
})

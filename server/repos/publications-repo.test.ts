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
})

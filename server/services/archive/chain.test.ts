import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../db/database.js'
import { type Repos, createStore } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import {
  type TestDatabase,
  availableDialects,
  createTestDatabase,
  postgresAvailable,
} from '../../test/databases.js'
import { archiveService } from './archive-service.js'
import {
  type CaptureCheck,
  type EntryDraft,
  appendEntries,
  checkCaptured,
  draftKey,
} from './chain.js'

function policyDraft(n: number): EntryDraft {
  return {
    kind: 'policy_version',
    subject: `policy:p:${n}`,
    captureKey: String(n),
    refersTo: null,
    channelId: null,
    network: null,
    remoteId: null,
    url: null,
    threadRoot: null,
    occurredAt: new Date().toISOString(),
    person: null,
    content: { kind: 'policy_version', policyId: 'p', version: n, approvedBy: null, text: `v${n}` },
  }
}

// Two processes append to one library's chain at once: the head's row lock keeps it one chain.
describe.runIf(await postgresAvailable())('appending concurrently on postgres', () => {
  let database: TestDatabase
  let other: DatabaseHandle
  const libraryId = newId()

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    other = openDatabase({ url: database.url, sqlitePath: '' })
    await createStore(database.db).repos.libraries.insert({
      id: libraryId,
      name: 'Bibliotek',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now: new Date().toISOString(),
    })
  })
  afterAll(async () => {
    await other?.close()
    await database?.drop()
  })

  it('keeps 200 entries from two writers in one unbroken chain', async () => {
    const writers = [createStore(database.db), createStore(other.db)]
    await Promise.all(
      writers.map(async (store, w) => {
        for (let i = 0; i < 100; i += 1) {
          const n = w * 100 + i
          await store.transaction((repos) =>
            appendEntries(repos, libraryId, [policyDraft(n)], new Date().toISOString()),
          )
        }
      }),
    )
    const [report] = await archiveService({ store: writers[0]! }).verify(libraryId)
    expect(report).toEqual({ libraryId, ok: true, entries: 200, weeded: 0 })
  })
})

// Capture asks which items are in the chain before its transaction (to fetch their files
// outside it); under the head's lock that answer is used again unless the chain moved since.
describe.each(await availableDialects())('a check made before appending, on %s', (dialect) => {
  let database: TestDatabase
  const libraryId = newId()
  let asked: string[][] = []

  /** The real repositories, noting which subjects `captured` is asked about. */
  function noted<R extends Pick<Repos, 'archive'>>(repos: R): R {
    const captured = repos.archive.captured.bind(repos.archive)
    repos.archive.captured = (library: string, subjects: readonly string[]) => {
      asked.push([...subjects])
      return captured(library, subjects)
    }
    return repos
  }
  const store = () => createStore(database.db)
  const append = (drafts: EntryDraft[], checked?: CaptureCheck) =>
    store().transaction((repos) =>
      appendEntries(noted(repos), libraryId, drafts, new Date().toISOString(), checked),
    )
  const entries = async () =>
    (await database.db.selectFrom('archive_entries').select('subject').execute()).map(
      (r) => r.subject,
    )

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    await createStore(database.db).repos.libraries.insert({
      id: libraryId,
      name: 'Bibliotek',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now: new Date().toISOString(),
    })
  })
  afterAll(async () => {
    await database?.drop()
  })

  it('asks once about what it checked, when nothing was appended in between', async () => {
    await append([policyDraft(1)])
    const checked = await checkCaptured(store().repos, libraryId, ['policy:p:1', 'policy:p:2'])
    asked = []
    const ids = await append([policyDraft(1), policyDraft(2), policyDraft(3)], checked)
    expect(asked).toEqual([['policy:p:3']])
    expect(ids.get(draftKey(policyDraft(1)))).toBe(checked.found.get(draftKey(policyDraft(1))))
    expect((await entries()).sort()).toEqual(['policy:p:1', 'policy:p:2', 'policy:p:3'])
  })

  it('asks again when another writer appended since, and appends nothing twice', async () => {
    const checked = await checkCaptured(store().repos, libraryId, ['policy:p:4'])
    // Another worker captures the same item between the check and this transaction.
    await append([policyDraft(4)])
    asked = []
    await append([policyDraft(4)], checked)
    expect(asked).toEqual([['policy:p:4']])
    expect((await entries()).filter((e) => e === 'policy:p:4')).toHaveLength(1)
    const [report] = await archiveService({ store: store() }).verify(libraryId)
    expect(report).toMatchObject({ ok: true, entries: 4 })
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../db/database.js'
import { createStore } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../../test/databases.js'
import { archiveService } from './archive-service.js'
import { type EntryDraft, appendEntries } from './chain.js'

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

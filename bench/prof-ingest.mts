import { createLogger } from '../server/logger.js'
import { createStore } from '../server/repos/index.js'
import { derivedSecretBox } from '../server/security/secret-box.js'
import { inboxRules } from '../server/services/inbox/inbox-rules.js'
import { ingestService } from '../server/services/inbox/ingest-service.js'
import { createTestDatabase } from '../server/test/databases.js'
import { startServer } from './lib/bench-db.js'
import { floodOfReads, seedLibrary } from './lib/inbox-library.js'

const dialect = (process.env.D ?? 'sqlite') as 'sqlite' | 'postgres'
const database = await createTestDatabase(dialect)
const server = await startServer(database, 'web')
const { db } = database
const library = await seedLibrary(db, server.libraryId, server.userId)
const reads = floodOfReads(library, Number(process.env.COUNT ?? 50000))
const store = createStore(db)
const service = ingestService({
  store, adapters: {}, box: derivedSecretBox('torget-bench', 'channel-credentials'),
  rules: process.env.NORULES ? { forLibrary: async () => ({ apply: (_c: any, items: any[]) => ({ items: items.map((r: any) => ({ id: r.id, library_id: r.library_id, channel_id: r.channel_id, kind: r.kind, state: 'new', assignee_id: null, flagged: 0, has_question: 0, author_remote_id: r.author_remote_id, search_text: r.text, received_at: r.received_at, due_at: null, first_response_at: null, first_responder_id: null, closed_at: null, moderated_at: null, version: 1, updated_at: r.received_at })), tags: [], activity: [], hide: [] }) }) } as any : inboxRules({ store }),
  logger: createLogger('warn'),
})
const t0 = performance.now()
const timing = new Map<string, number>()
for (const [i, read] of reads.entries()) {
  await service.recordBatch(read.channel.row, read.interactions, { cursor: `b${i}`, more: true, previousActivityAt: null })
}
const s = (performance.now() - t0) / 1000
console.log(`${dialect}: ${Math.round((reads.length * 500) / s)}/s`, [...timing])
await server.stop()
await database.drop()

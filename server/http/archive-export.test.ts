import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkAll } from '../archive/package/check-package.js'
import { sha256Of, unpack } from '../archive/package/unpack.js'
import { archiveCommand } from '../cli/archive.js'
import { type EntryDraft, appendEntries, sha256Hex } from '../services/archive/chain.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

const IMAGE = Buffer.from('an image, as the archive keeps it')

function received(n: number, at: string, text: string): EntryDraft {
  const author = {
    remoteId: `did:plc:${n}`,
    handle: `läsare/${n}\u0007.test`,
    name: 'Åsa "Ö" ../..',
  }
  return {
    kind: 'item_received',
    subject: `item:${n}`,
    captureKey: String(n),
    refersTo: null,
    channelId: null,
    network: 'bluesky',
    remoteId: `at://x/${n}`,
    url: null,
    threadRoot: null,
    occurredAt: at,
    person: author,
    content: {
      kind: 'item_received',
      interactionId: String(n),
      itemKind: 'reply',
      text,
      author,
      subjectRemoteId: null,
      rootRemoteId: null,
      parentRemoteId: null,
      media: [
        { sha256: sha256Hex(IMAGE), mimeType: 'image/jpeg', byteSize: IMAGE.length, alt: 'Bild' },
      ],
    },
  }
}

describe.each(await availableDialects())('exporting a period of the archive on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let editor: TestClient
  let libraryId: string
  let dir: string
  const exports = () => `/api/v1/libraries/${libraryId}/archive/exports`

  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    editor = (await addMember(app, admin, libraryId, 'editor', 'erik@bibliotek.test')).client
    dir = await mkdtemp(join(tmpdir(), 'torget-export-test-'))
    const store = app.torget.services.store
    await store.repos.archive.storeMedia({
      library_id: libraryId,
      sha256: sha256Hex(IMAGE),
      mime_type: 'image/jpeg',
      byte_size: IMAGE.length,
      data: IMAGE,
      stored_at: new Date().toISOString(),
    })
    await store.transaction((repos) =>
      appendEntries(
        repos,
        libraryId,
        [
          received(1, '2025-01-31T23:30:00.000Z', 'Före perioden (1 februari i Stockholm)'),
          received(2, '2025-02-14T10:00:00.000Z', 'Mitt i perioden'),
          received(3, '2025-03-01T10:00:00.000Z', 'Efter perioden'),
        ],
        new Date().toISOString(),
      ),
    )
  })
  afterAll(async () => {
    await app?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('sends the period as a package whose every checksum holds, and records the export', async () => {
    const res = await admin.download(exports(), { from: '2025-02-01', to: '2025-02-28' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-tar')
    const disposition = res.headers.get('content-disposition')!
    expect(disposition).toMatch(
      /^attachment; filename="torget-[A-Za-z0-9._-]+-2025-02-01-2025-02-28\.tar"/,
    )
    expect(res.headers.get('x-package-sha256')).toBe(sha256Of(res.bytes))
    const file = join(dir, 'route.tar')
    await writeFile(file, res.bytes)
    const { files } = await unpack(file)
    checkAll(files)
    const entries = [...files.keys()].filter((p) => p.includes('/data/entries/'))
    expect(entries).toHaveLength(2)
    const texts = entries.map((p) => JSON.parse(files.get(p)!.toString('utf8')).content.text)
    expect(texts.sort()).toEqual(
      ['Före perioden (1 februari i Stockholm)', 'Mitt i perioden'].sort(),
    )
    expect(files.get(`representations/rep1/data/media/${sha256Hex(IMAGE)}.jpg`)).toEqual(IMAGE)
    // The download's file is gone once sent.
    await new Promise((r) => setTimeout(r, 50))
    expect(await readdir(join(app.config.dataDir, 'exports')).catch(() => [])).toEqual([])
    const log = (await admin.get(`/api/v1/libraries/${libraryId}/audit`)).body.items
    expect(log[0]).toMatchObject({
      action: 'export.archive_package',
      details: { entries: 2, from: '2025-02-01' },
    })
  })

  it('exports an empty period, and refuses a period back to front in the member’s language', async () => {
    const empty = await admin.download(exports(), { from: '2020-01-01', to: '2020-01-31' })
    expect(empty.status).toBe(200)
    const file = join(dir, 'empty.tar')
    await writeFile(file, empty.bytes)
    const { files } = await unpack(file)
    checkAll(files)
    expect([...files.keys()].filter((p) => p.includes('/data/entries/'))).toEqual([])
    const backwards = await admin.post(exports(), { from: '2025-03-01', to: '2025-02-01' })
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'archive_period_invalid'])
    expect(backwards.body.error.message).toContain('Perioden går inte att använda')
    const nonsense = await admin.post(exports(), { from: 'igår', to: '2025-02-31' })
    expect(nonsense.status).toBe(400)
  })

  it('is for the Ansvarig only: an editor who reads the archive may not export it', async () => {
    expect((await editor.get(`/api/v1/libraries/${libraryId}/archive/entries`)).status).toBe(200)
    const refused = await editor.post(exports(), { from: '2025-02-01', to: '2025-02-28' })
    expect(refused.status).toBe(403)
  })

  it('writes the same package from the command line, never over an existing file', async () => {
    const out = join(dir, 'cli.tar')
    const run = () =>
      archiveCommand(app.config, 'export', {
        library: libraryId,
        from: '2025-02-01',
        to: '2025-03-31',
        out,
      })
    expect(await run()).toBe(0)
    const { files } = await unpack(out)
    checkAll(files)
    expect([...files.keys()].filter((p) => p.includes('/data/entries/'))).toHaveLength(3)
    const before = await readFile(out)
    expect(await run()).toBe(1)
    expect((await readFile(out)).equals(before)).toBe(true)
    expect(
      await archiveCommand(app.config, 'export', {
        library: libraryId,
        from: '2025-04-01',
        to: '2025-03-01',
        out: join(dir, 'x.tar'),
      }),
    ).toBe(1)
  })
})

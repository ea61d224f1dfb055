import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaBytes, mediaOf, metadata } from '../../archive/package/fixtures.js'
import { ArchivePackageError } from '../../archive/package/write-package.js'
import { createRepos } from '../../repos/index.js'
import { type TestDatabase, createTestDatabase } from '../../test/databases.js'
import { type EntryDraft, appendEntries } from './chain.js'
import { exportIsolated } from './isolated-export.js'

/*
 * The export's own thread against a disk that fills: a real 1 MB tmpfs (root only; CI
 * runs as root and must run it), and a period whose images alone are 2 MB.
 */
let dir: string
let mounted = false
let database: TestDatabase
const libraryId = 'lib-full'

function received(n: number, image: Buffer): EntryDraft {
  const author = { remoteId: `did:plc:${n}`, handle: `lasare${n}.test`, name: 'Läsare' }
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
    occurredAt: `2025-02-${String(n + 1).padStart(2, '0')}T10:00:00.000Z`,
    person: author,
    content: {
      kind: 'item_received',
      interactionId: String(n),
      itemKind: 'reply',
      text: `Svar ${n}`,
      author,
      subjectRemoteId: null,
      rootRemoteId: null,
      parentRemoteId: null,
      media: [mediaOf(image)],
    },
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'torget-full-'))
  mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0
  if (!mounted && process.env.CI === 'true') throw new Error('CI must be able to mount a tmpfs')
  database = await createTestDatabase('sqlite')
  const { db } = database
  await db
    .insertInto('libraries')
    .values({
      id: libraryId,
      name: 'Stadsbiblioteket',
      time_zone: 'UTC',
      locale: 'sv',
      created_at: '2025-01-01T00:00:00.000Z',
    })
    .execute()
  const repos = createRepos(db)
  const images = Array.from({ length: 20 }, (_, i) => mediaBytes(i, 100_000))
  for (const image of images)
    await repos.archive.storeMedia({
      library_id: libraryId,
      sha256: mediaOf(image).sha256,
      mime_type: 'image/jpeg',
      byte_size: image.length,
      data: image,
      stored_at: '2025-03-01T00:00:00.000Z',
    })
  await appendEntries(
    repos,
    libraryId,
    images.map((image, i) => received(i + 1, image)),
    '2025-03-01T00:00:00.000Z',
  )
})
afterAll(async () => {
  if (mounted) execFileSync('umount', [dir])
  await rm(dir, { recursive: true, force: true })
  await database?.drop()
})

const job = (out: string) => ({
  database: { url: database.url, sqlitePath: database.sqlitePath },
  libraryId,
  from: '2025-02-01T00:00:00.000Z',
  to: '2025-03-01T00:00:00.000Z',
  out,
  metadata: metadata({ library: { id: libraryId, name: 'Stadsbiblioteket' } }),
})

describe('a package written by a thread of its own', () => {
  it('fails with storage_full when the disk fills, and leaves nothing behind', async (context) => {
    if (!mounted) return context.skip()
    const error = await exportIsolated(job(join(dir, 'paket.tar'))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchivePackageError)
    expect((error as ArchivePackageError).code).toBe('storage_full')
    expect((error as ArchivePackageError).message).toMatch(/out of disk space/)
    expect(await readdir(dir)).toEqual([])
  })

  it('never writes over a file that is there, nor removes it', async () => {
    const other = await mkdtemp(join(tmpdir(), 'torget-exists-'))
    const out = join(other, 'paket.tar')
    await writeFile(out, 'an earlier package')
    const error = await exportIsolated(job(out)).catch((e: unknown) => e)
    expect((error as ArchivePackageError).code).toBe('archive_export_exists')
    expect(await readFile(out, 'utf8')).toBe('an earlier package')
    const made = await exportIsolated(job(join(other, 'ny.tar')))
    expect([made.entries, made.mediaFiles]).toEqual([20, 20])
    await rm(other, { recursive: true, force: true })
  })
})

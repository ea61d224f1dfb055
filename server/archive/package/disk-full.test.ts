import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { iterate, mediaBytes, mediaOf, metadata, published } from './fixtures.js'
import { ArchivePackageError, writeDeliveryPackage } from './write-package.js'

/*
 * A disk that fills during export, on a real 1 MB tmpfs. Mounting needs root;
 * where that is impossible the case is skipped, except in CI, which runs as
 * root and must run it.
 */
let dir: string
let mounted = false
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'torget-full-'))
  mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0
  if (!mounted && process.env.CI === 'true') throw new Error('CI must be able to mount a tmpfs')
})
afterAll(async () => {
  if (mounted) execFileSync('umount', [dir])
  await rm(dir, { recursive: true, force: true })
})

describe('a disk that fills during export', () => {
  it('fails with storage_full and leaves nothing behind', async (context) => {
    if (!mounted) return context.skip()
    const images = Array.from({ length: 20 }, (_, i) => mediaBytes(i, 100_000))
    const entries = images.map((image, i) => published(i + 1, `Inlägg ${i + 1}`, [mediaOf(image)]))
    const error = await writeDeliveryPackage({
      out: join(dir, 'paket.tar'),
      metadata: metadata(),
      entries: iterate(entries),
      media: async (sha) => images.find((image) => mediaOf(image).sha256 === sha) ?? null,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchivePackageError)
    expect((error as ArchivePackageError).code).toBe('storage_full')
    expect((error as ArchivePackageError).message).toMatch(/out of disk space/)
    expect(await readdir(dir)).toEqual([])
  })
})

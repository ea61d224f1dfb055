import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractText, getDocumentProxy } from 'unpdf'
import { checkPdfA } from '../../test/pdfa.js'
import { findAll, parseXml } from '../../test/xml-tree.js'
import { checkAll } from './check-package.js'
import { entry, iterate, mediaBytes, mediaOf, metadata, published } from './fixtures.js'
import { sha256Of, unpack } from './unpack.js'
import { ArchivePackageError, writeDeliveryPackage } from './write-package.js'

let dir: string
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'torget-package-test-'))))
afterAll(async () => rm(dir, { recursive: true, force: true }))

describe('writeDeliveryPackage', () => {
  it("splits the readable text into the library's own months, not UTC's", async () => {
    const out = join(dir, 'zoned.tar')
    // 23:30 UTC on 31 January is half past midnight on 1 February in Stockholm.
    const lateJanuary = {
      ...published(1, 'Nattens sista inlägg'),
      occurredAt: '2025-01-31T23:30:00.000Z',
    }
    await writeDeliveryPackage({
      out,
      metadata: metadata({ timeZone: 'Europe/Stockholm' }),
      entries: iterate([lateJanuary]),
      media: async () => null,
    })
    const { files } = await unpack(out)
    const february = files.get('representations/rep1/data/readable/2025-02.txt')
    expect(february?.toString('utf8')).toContain(
      '2025-02-01 00:30 Europe/Stockholm (2025-01-31T23:30:00.000Z)',
    )
    expect(files.has('representations/rep1/data/readable/2025-01.txt')).toBe(false)
    expect(files.get('documentation/README.txt')!.toString('utf8')).toContain(
      'en fil per månad (Europe/Stockholm)',
    )
    await rm(out)
  })

  it('gives a complete package for an empty period', async () => {
    const out = join(dir, 'empty.tar')
    const result = await writeDeliveryPackage({
      out,
      metadata: metadata(),
      entries: iterate([]),
      media: async () => null,
    })
    expect(result).toMatchObject({
      entries: 0,
      mediaFiles: 0,
      packageId: 'torget-Malmo-stadsbibliotek-Garaget-2025-01-01-2025-12-31',
    })
    const { root, files } = await unpack(out)
    expect(root).toBe(result.packageId)
    expect([...files.keys()].sort()).toEqual([
      'METS.xml',
      'documentation/README.txt',
      'metadata/descriptive/delivery.xml',
      'metadata/preservation/premis.xml',
      'representations/rep1/METS.xml',
      'representations/rep1/data/readable/summary.txt',
      'schemas/torget-archive-delivery-1.xsd',
    ])
    checkAll(files)
    const delivery = parseXml(files.get('metadata/descriptive/delivery.xml')!.toString('utf8'))
    expect(findAll(delivery, 'contents')[0]!.attributes.entries).toBe('0')
    expect(result.sha256).toBe(sha256Of(await readFile(out)))
    expect(result.files).toBe(files.size)
    expect(await readdir(dir)).toEqual(['empty.tar'])
  })

  it('writes entries and media whose every checksum the METS and PREMIS documents state correctly', async () => {
    const photo = mediaBytes(1, 70_000)
    const drawing = mediaBytes(2, 513)
    const gone = mediaOf(mediaBytes(3))
    const entries = [
      published(1, 'Välkommen till Garaget! مرحبا بكم', [
        mediaOf(photo, 'Entrén'),
        mediaOf(drawing),
      ]),
      entry(2, {
        kind: 'item_received',
        subject: 'item:i-1',
        occurredAt: '2025-02-03T10:00:00.000Z',
        person: { remoteId: 'did:plc:y', handle: 'evil/../\u0000name', name: 'Ö\u202Eman 📚' },
        content: {
          kind: 'item_received',
          interactionId: 'i-1',
          itemKind: 'reply',
          text: 'Fin bild\u0007 <script>&</script>',
          author: { remoteId: 'did:plc:y', handle: 'evil/../\u0000name', name: 'Ö\u202Eman 📚' },
          subjectRemoteId: null,
          rootRemoteId: null,
          parentRemoteId: null,
          media: [mediaOf(photo), gone],
        },
      }),
      entry(3, { kind: 'item_deleted', refersTo: 'e-2', content: null, weededBy: 'beslut-7' }),
    ]
    const out = join(dir, 'full.tar')
    const result = await writeDeliveryPackage({
      out,
      metadata: metadata(),
      entries: iterate(entries),
      media: async (sha) =>
        sha === sha256Of(photo)
          ? Readable.from([photo.subarray(0, 1000), photo.subarray(1000)])
          : sha === sha256Of(drawing)
            ? drawing
            : null,
    })
    expect(result).toMatchObject({ entries: 3, mediaFiles: 2, missingMedia: 1 })
    const { files } = await unpack(out)
    const { premis } = checkAll(files)
    expect(files.get(`representations/rep1/data/media/${sha256Of(photo)}.jpg`)).toEqual(photo)
    const json = JSON.parse(
      files.get('representations/rep1/data/entries/00000002-item_received.json')!.toString('utf8'),
    )
    expect(json).toEqual(entries[1])
    const readable = files.get('representations/rep1/data/readable/2025-02.txt')!.toString('utf8')
    expect(readable).toContain('Fin bild\uFFFD <script>&</script>')
    expect([...readable].some((c) => c.charCodeAt(0) < 9)).toBe(false)
    expect(files.get('representations/rep1/data/readable/2025-01.txt')!.toString('utf8')).toContain(
      'مرحبا بكم',
    )
    const captures = findAll(premis, 'premis:event').filter(
      (e) => findAll(e, 'premis:eventType')[0]!.text === 'capture',
    )
    expect(captures).toHaveLength(3)
    const delivery = parseXml(files.get('metadata/descriptive/delivery.xml')!.toString('utf8'))
    expect(findAll(delivery, 'chain')[0]!.attributes).toMatchObject({
      firstSeq: '1',
      lastSeq: '3',
      lastHash: entries[2]!.hash,
    })
    expect(findAll(delivery, 'contents')[0]!.attributes).toMatchObject({
      weeded: '1',
      missingMedia: '1',
    })
  })

  it('gives each month as PDF/A-2a beside its text, a busy month in parts, a package past the limit as text only', async () => {
    const entries = [1, 2, 3, 4, 5].map((n) => published(n, `Inlägg nummer ${n} på Garaget`))
    const out = join(dir, 'pdf.tar')
    await writeDeliveryPackage({
      out,
      metadata: metadata(),
      entries: iterate(entries),
      media: async () => null,
      readablePdf: { entriesPerFile: 2 },
    })
    const { files } = await unpack(out)
    checkAll(files)
    const readable = [...files.keys()].filter((f) => f.includes('/readable/')).sort()
    expect(readable).toEqual(
      ['2025-01-001.pdf', '2025-01-002.pdf', '2025-01-003.pdf', '2025-01.txt', 'summary.txt'].map(
        (f) => `representations/rep1/data/readable/${f}`,
      ),
    )
    const texts: string[] = []
    for (const [part, name] of readable.slice(0, 3).entries()) {
      const pdf = new Uint8Array(files.get(name)!)
      const report = checkPdfA(pdf)
      expect(report.problems).toEqual([])
      expect(report.title).toBe(`Malmö stadsbibliotek/Garaget: 2025-01 (del ${part + 1} av 3)`)
      const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true })
      texts.push(text.replace(/\s+/g, ' '))
    }
    expect(texts[0]).toContain('Inlägg nummer 2 på Garaget')
    expect(texts[1]).toContain('Inlägg nummer 4 på Garaget')
    expect(texts[2]).toContain('Inlägg nummer 5 på Garaget')
    expect(texts[2]).not.toContain('Inlägg nummer 4')
    expect(files.get('documentation/README.txt')!.toString('utf8')).toContain('PDF/A-2a')

    const textOnly = join(dir, 'text-only.tar')
    await writeDeliveryPackage({
      out: textOnly,
      metadata: metadata(),
      entries: iterate(entries),
      media: async () => null,
      readablePdf: { maxEntries: 4 },
    })
    const unpacked = (await unpack(textOnly)).files
    checkAll(unpacked)
    expect([...unpacked.keys()].filter((f) => f.endsWith('.pdf'))).toEqual([])
    expect(unpacked.get('documentation/README.txt')!.toString('utf8')).toContain('ingen PDF/A')
    await rm(out)
    await rm(textOnly)
  })

  it('refuses to overwrite an existing file and leaves it as it was', async () => {
    const out = join(dir, 'exists.tar')
    await writeFile(out, 'keep me')
    const error = await writeDeliveryPackage({
      out,
      metadata: metadata(),
      entries: iterate([]),
      media: async () => null,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchivePackageError)
    expect((error as ArchivePackageError).code).toBe('archive_export_exists')
    expect(await readFile(out, 'utf8')).toBe('keep me')
  })

  it('removes the partial file when a media file is not what the archive says it is', async () => {
    const out = join(dir, 'corrupt.tar')
    const bytes = mediaBytes(9)
    const error = await writeDeliveryPackage({
      out,
      metadata: metadata(),
      entries: iterate([published(1, 'Hej', [mediaOf(bytes)])]),
      media: async () => mediaBytes(10),
    }).catch((e: unknown) => e)
    expect((error as ArchivePackageError).code).toBe('archive_export_failed')
    expect(
      (await readdir(dir)).filter((f) => f.startsWith('corrupt') || f.startsWith('.torget')),
    ).toEqual([])
  })

  it('removes the partial file when reading a media file fails midway', async () => {
    const out = join(dir, 'broken.tar')
    const bytes = mediaBytes(11, 100_000)
    const failing = new Readable({
      read() {
        this.push(bytes.subarray(0, 10_000))
        this.destroy(Object.assign(new Error('disk read failed'), { code: 'EIO' }))
      },
    })
    const error = await writeDeliveryPackage({
      out,
      metadata: metadata(),
      entries: iterate([published(1, 'Hej', [mediaOf(bytes)])]),
      media: async () => failing,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchivePackageError)
    expect((error as ArchivePackageError).code).toBe('archive_export_failed')
    expect(
      (await readdir(dir)).filter((f) => f.startsWith('broken') || f.startsWith('.torget')),
    ).toEqual([])
  })
})

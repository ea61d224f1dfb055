import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { z } from 'zod'
import type { ArchiveEntry } from '../../../core/archive/entry.js'
import { DomainError, type ErrorCode } from '../../../core/errors.js'
import {
  DELIVERY_SCHEMA,
  DELIVERY_SCHEMA_NAME,
  type DeliveryContents,
  deliveryRecord,
  readme,
} from './descriptive.js'
import { rootMets, writeRepresentationMets, type HeaderFacts } from './mets.js'
import { entryFileName, mediaFileName, packageId } from './names.js'
import { type Capture, writePremis } from './premis.js'
import {
  ENTRIES_PER_PDF,
  READABLE_PDF_MAX_ENTRIES,
  monthOf,
  readablePdfName,
  renderEntry,
} from './readable.js'
import { type PackedFile, TarOutput } from './tar-output.js'
import { type StreamedFile, WorkFiles } from './xml.js'

export const packageMetadataSchema = z.object({
  library: z.object({
    id: z.string().min(1),
    name: z.string(),
    organisationNumber: z.string().optional(),
  }),
  accounts: z.array(
    z.object({ channelId: z.string(), network: z.string(), handle: z.string(), url: z.string() }),
  ),
  period: z.object({ from: z.string().min(1), to: z.string().min(1) }),
  torgetVersion: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().optional(),
  /** The library's time zone (IANA): the readable text is split into its months. */
  timeZone: z.string().min(1).default('UTC'),
})
export type PackageMetadata = z.infer<typeof packageMetadataSchema>

export type MediaSource = (sha256: string) => Promise<Readable | Buffer | null>

export interface DeliveryPackageOptions {
  /** The .tar to write; an existing file of that name is left alone and refused. */
  out: string
  metadata: z.input<typeof packageMetadataSchema>
  /** The period's entries in chain order, read as they are written. */
  entries: AsyncIterable<ArchiveEntry>
  /** A media file by its SHA-256; null when the store no longer has it. */
  media: MediaSource
  /** Official schema files (mets.xsd, premis.xsd …) to carry in schemas/, when the installation has them. */
  schemas?: { name: string; file: string }[]
  /** Told once the output file is made (it did not exist): from then on a failure removes it. */
  created?: () => void
  /** The PDF/A renditions: up to how many entries a package gets them, and how many go in one file. */
  readablePdf?: { maxEntries?: number; entriesPerFile?: number }
}

export interface DeliveryPackageResult {
  packageId: string
  files: number
  bytes: number
  entries: number
  mediaFiles: number
  missingMedia: number
  /** SHA-256 of the whole .tar. */
  sha256: string
}

/** Writing the package failed; the partial file is gone and nothing else was changed. */
export class ArchivePackageError extends DomainError {
  constructor(code: ErrorCode, reason: string, options?: { cause?: unknown }) {
    super(code, undefined, reason)
    this.name = 'ArchivePackageError'
    if (options?.cause) this.cause = options.cause
  }
}

const REP = 'rep1'
const DATA = `representations/${REP}/data`
type Spilled = PackedFile & { capture?: Capture }

/**
 * Writes a delivery package (FGS Paketstruktur 2.0 = E-ARK CSIP + SIP 2.1.0) as
 * one .tar, streaming: entries and media go straight into the tar, hashed on
 * the way; the list of their files goes to a work file beside the output, and
 * is read back to write the METS and PREMIS documents, which come last
 * because they hold every checksum. Memory stays the same for a week or a
 * decade, apart from the set of media hashes already written.
 */
export async function writeDeliveryPackage(
  options: DeliveryPackageOptions,
): Promise<DeliveryPackageResult> {
  const meta = packageMetadataSchema.parse(options.metadata)
  const id = packageId(meta.library, meta.period.from, meta.period.to)
  try {
    await (await open(options.out, 'wx')).close()
  } catch (error) {
    throw packageError(error)
  }
  options.created?.()
  let work: string | undefined
  let tar: TarOutput | undefined
  const workFiles = new WorkFiles()
  try {
    work = await mkdtemp(join(dirname(options.out), '.torget-package-'))
    tar = new TarOutput(options.out, id, new Date(meta.createdAt))
    return await writeAll(tar, { dir: work, files: workFiles }, id, meta, options)
  } catch (error) {
    await tar?.abort(error instanceof Error ? error : new Error(String(error)))
    await rm(options.out, { force: true })
    throw packageError(error)
  } finally {
    await workFiles.closeAll()
    if (work) await rm(work, { recursive: true, force: true })
  }
}

async function writeAll(
  tar: TarOutput,
  { dir: work, files: workFiles }: { dir: string; files: WorkFiles },
  id: string,
  meta: PackageMetadata,
  options: DeliveryPackageOptions,
): Promise<DeliveryPackageResult> {
  const spillPath = join(work, 'files.ndjson')
  const spill = workFiles.open(spillPath)
  const record = (file: Spilled) => spill.write(JSON.stringify(file) + '\n')
  const months = new Map<string, { text: StreamedFile; entries: StreamedFile; count: number }>()
  const pdfMax = options.readablePdf?.maxEntries ?? READABLE_PDF_MAX_ENTRIES
  const seenMedia = new Set<string>()
  const contents: DeliveryContents = {
    entries: 0,
    mediaFiles: 0,
    missingMedia: 0,
    weeded: 0,
    byKind: {},
    first: null,
    last: null,
  }
  let files = 0

  for await (const entry of options.entries) {
    const path = `${DATA}/entries/${entryFileName(entry.seq, entry.kind)}`
    const packed = await tar.addBuffer(
      path,
      Buffer.from(JSON.stringify(entry, null, 2) + '\n'),
      'application/json',
    )
    await record({
      ...packed,
      capture: {
        entryId: entry.id,
        seq: entry.seq,
        capturedAt: entry.capturedAt,
        hash: entry.hash,
      },
    })
    files++
    for (const item of entry.content && 'media' in entry.content ? entry.content.media : []) {
      if (seenMedia.has(item.sha256)) continue
      seenMedia.add(item.sha256)
      const source = await options.media(item.sha256)
      if (!source) {
        contents.missingMedia++
        continue
      }
      const mediaPath = `${DATA}/media/${mediaFileName(item.sha256, item.mimeType)}`
      const media = Buffer.isBuffer(source)
        ? await tar.addBuffer(mediaPath, source, item.mimeType)
        : await tar.addStream(mediaPath, item.byteSize, source, item.mimeType)
      if (media.sha256 !== item.sha256)
        throw new ArchivePackageError('archive_export_failed', 'media_checksum')
      await record(media)
      contents.mediaFiles++
      files++
    }
    const month = monthOf(entry, meta.timeZone)
    let readable = months.get(month)
    if (!readable) {
      readable = {
        text: workFiles.open(join(work, `readable-${month}.txt`)),
        entries: workFiles.open(join(work, `readable-${month}.ndjson`)),
        count: 0,
      }
      months.set(month, readable)
    }
    const file = path.slice(DATA.length + 1)
    await readable.text.write(renderEntry(entry, file, meta.timeZone))
    // Past the limit no PDF will be drawn: its entries need not be kept for it.
    if (contents.entries < pdfMax)
      await readable.entries.write(JSON.stringify({ entry, file }) + '\n')
    readable.count++
    contents.entries++
    contents.byKind[entry.kind] = (contents.byKind[entry.kind] ?? 0) + 1
    if (!entry.content) contents.weeded++
    contents.first ??= { seq: entry.seq, prevHash: entry.prevHash }
    contents.last = { seq: entry.seq, hash: entry.hash }
  }

  const withPdf = contents.entries <= pdfMax
  const perPdf = options.readablePdf?.entriesPerFile ?? ENTRIES_PER_PDF
  for (const month of [...months.keys()].sort()) {
    const readable = months.get(month)!
    const { size, sha256 } = await readable.text.close()
    await record(
      await tar.addFile(`${DATA}/readable/${month}.txt`, readable.text.path, {
        size,
        sha256,
        mime: 'text/plain',
      }),
    )
    files++
    // The same as PDF/A, one month (or part of one) at a time, read back from its work file.
    await readable.entries.close()
    if (!withPdf) continue
    // pdfkit and its fonts load with the first PDF, not with the server.
    const { renderReadablePdf } = await import('./readable-pdf.js')
    const parts = Math.ceil(readable.count / perPdf)
    const entries = readLines<{ entry: ArchiveEntry; file: string }>(readable.entries.path)
    for (let part = 1; part <= parts; part++) {
      const pdf = await renderReadablePdf(
        { libraryName: meta.library.name, month, part, parts, timeZone: meta.timeZone },
        take(entries, perPdf),
      )
      await record(
        await tar.addBuffer(
          `${DATA}/readable/${readablePdfName(month, part, parts)}`,
          Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
          'application/pdf',
        ),
      )
      files++
    }
    await entries.return(undefined)
  }
  // Every representation has at least one file (CSIP66), an empty period too.
  const summary = `${meta.library.name}\n${meta.period.from} – ${meta.period.to}\nPoster: ${contents.entries}\nMediafiler: ${contents.mediaFiles}\n`
  await record(
    await tar.addBuffer(`${DATA}/readable/summary.txt`, Buffer.from(summary), 'text/plain'),
  )
  files++
  await spill.close()

  const facts: HeaderFacts = { ...meta, library: meta.library }
  const repMets = workFiles.open(join(work, 'rep-METS.xml'))
  await writeRepresentationMets(repMets, REP, facts, readSpill(spillPath))
  const repPacked = await tar.addFile(`representations/${REP}/METS.xml`, repMets.path, {
    ...(await repMets.close()),
    mime: 'application/xml',
  })
  const documentation = [
    await tar.addBuffer(
      'documentation/README.txt',
      Buffer.from(readme(id, meta, withPdf)),
      'text/plain',
    ),
  ]
  const schemas = [
    await tar.addBuffer(
      `schemas/${DELIVERY_SCHEMA_NAME}`,
      Buffer.from(DELIVERY_SCHEMA),
      'application/xml',
    ),
  ]
  for (const schema of options.schemas ?? [])
    schemas.push(
      await tar.addStream(
        `schemas/${schema.name}`,
        (await (await open(schema.file)).stat()).size,
        createReadStream(schema.file),
        'application/xml',
      ),
    )
  const descriptive = await tar.addBuffer(
    'metadata/descriptive/delivery.xml',
    Buffer.from(deliveryRecord(id, meta, contents)),
    'application/xml',
  )
  const others = [repPacked, ...documentation, ...schemas, descriptive]

  const premis = workFiles.open(join(work, 'premis.xml'))
  await writePremis(premis, { ...meta, packageId: id }, () => concat(readSpill(spillPath), others))
  const preservation = await tar.addFile('metadata/preservation/premis.xml', premis.path, {
    ...(await premis.close()),
    mime: 'application/xml',
  })
  const label = `${meta.library.name}: ${meta.period.from} – ${meta.period.to}`
  const root = rootMets(id, label, facts, {
    descriptive,
    preservation,
    documentation,
    schemas,
    representations: [{ name: REP, mets: repPacked }],
  })
  await tar.addBuffer('METS.xml', Buffer.from(root), 'application/xml')
  files += others.length + 2
  const { bytes, sha256 } = await tar.finish()
  return {
    packageId: id,
    files,
    bytes,
    entries: contents.entries,
    mediaFiles: contents.mediaFiles,
    missingMedia: contents.missingMedia,
    sha256,
  }
}

/**
 * A work file's records, one JSON line each, read a chunk at a time as they
 * are consumed. readline's async iterator queued every line of the file when
 * the consumer (a METS or PREMIS document waiting on the disk) was slower than
 * the read, so memory grew with the package: 291 MB peak at 100,000 entries.
 */
async function* readLines<T>(path: string): AsyncGenerator<T> {
  let rest = ''
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const lines = (rest + (chunk as string)).split('\n')
    rest = lines.pop()!
    for (const line of lines) if (line) yield JSON.parse(line) as T
  }
  if (rest) yield JSON.parse(rest) as T
}

const readSpill = (path: string) => readLines<Spilled>(path)

/** The next `count` of an iterator's items, leaving the rest to be read after. */
async function* take<T>(items: AsyncIterator<T>, count: number): AsyncGenerator<T> {
  for (let i = 0; i < count; i++) {
    const next = await items.next()
    if (next.done) return
    yield next.value
  }
}

async function* concat(first: AsyncIterable<Spilled>, rest: PackedFile[]): AsyncGenerator<Spilled> {
  yield* first
  yield* rest
}

function packageError(error: unknown): DomainError {
  if (error instanceof DomainError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new ArchivePackageError('storage_full', code, { cause: error })
  if (code === 'EEXIST')
    return new ArchivePackageError('archive_export_exists', code, { cause: error })
  const reason = code ?? (error instanceof Error ? error.message : String(error))
  return new ArchivePackageError('archive_export_failed', reason, { cause: error })
}

import { createHash, hash as oneShotHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pack as tarPack, type Pack } from 'tar-stream'

/** A file as it stands in the package: where, how large, its SHA-256 and type. */
export interface PackedFile {
  /** Relative to the package's root folder, with forward slashes. */
  path: string
  size: number
  sha256: string
  mime: string
}

/**
 * The tar file, written one entry at a time. Each add waits until tar-stream
 * has taken the whole entry, so memory holds one entry's chunks at most
 * however many entries follow; the tar itself is hashed as it goes to disk.
 */
export class TarOutput {
  private readonly pack: Pack
  private readonly written: Promise<void>
  private readonly hash = createHash('sha256')
  private bytes = 0
  private failure: Error | undefined
  /** The entry being written, failed when the disk fails (entries are written one at a time). */
  private waiting: ((error: Error) => void) | undefined
  private readonly mtime: Date

  constructor(
    file: string,
    private readonly root: string,
    mtime: Date,
  ) {
    this.mtime = mtime
    this.pack = tarPack()
    const tap = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.hash.update(chunk)
        this.bytes += chunk.length
        done(null, chunk)
      },
    })
    // The caller has made the file, empty, so an existing one is never overwritten.
    this.written = pipeline(this.pack, tap, createWriteStream(file, { flags: 'r+' }))
    this.written.catch((error: Error) => {
      this.failure = error
      this.waiting?.(error)
    })
  }

  async addBuffer(path: string, data: Buffer, mime: string): Promise<PackedFile> {
    await this.entry(path, data.length, (sink) => sink.end(data))
    return { path, size: data.length, sha256: sha256(data), mime }
  }

  /** A stream of a known size; a stream that turns out shorter or longer fails the package. */
  async addStream(path: string, size: number, source: Readable, mime: string): Promise<PackedFile> {
    const hash = createHash('sha256')
    try {
      await this.entry(
        path,
        size,
        (sink) => {
          source.on('data', (chunk: Buffer) => hash.update(chunk))
          source.pipe(sink)
        },
        source,
      )
    } catch (error) {
      source.destroy()
      throw error
    }
    return { path, size, sha256: hash.digest('hex'), mime }
  }

  /** A finished file from the work folder, whose size and hash are already known. */
  async addFile(path: string, file: string, known: Omit<PackedFile, 'path'>): Promise<PackedFile> {
    await this.addStream(path, known.size, createReadStream(file), known.mime)
    return { path, ...known }
  }

  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.check()
    this.pack.finalize()
    await this.written
    return { bytes: this.bytes, sha256: this.hash.digest('hex') }
  }

  /** Stops writing; the caller removes the file. */
  async abort(error: Error): Promise<void> {
    this.pack.destroy(error)
    await this.written.catch(() => undefined)
  }

  private entry(
    path: string,
    size: number,
    fill: (sink: NodeJS.WritableStream) => void,
    source?: Readable,
  ): Promise<void> {
    this.check()
    return new Promise<void>((resolve, reject) => {
      this.waiting = reject
      const sink = this.pack.entry(
        { name: `${this.root}/${path}`, size, mtime: this.mtime, type: 'file' },
        (error) => (error ? reject(this.failure ?? error) : resolve()),
      )
      // The entry's callback reports a failure; without a listener here, pipe() would rethrow it.
      sink.on('error', () => undefined)
      source?.on('error', (error) => sink.destroy(error))
      fill(sink as unknown as NodeJS.WritableStream)
    }).finally(() => (this.waiting = undefined))
  }

  private check(): void {
    if (this.failure) throw this.failure
  }
}

export function sha256(data: Buffer | string): string {
  return oneShotHash('sha256', data, 'hex')
}

import { createHash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'

// XML 1.0 forbids most control characters even as references, and lone
// surrogates cannot be encoded; a handle or a comment can carry either.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text or an attribute value, escaped; characters XML cannot carry become U+FFFD. */
export function esc(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;')
}

/** ` A="1" B="2"`, leaving out undefined and null values. */
export function attrs(values: Record<string, string | number | null | undefined>): string {
  let out = ''
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value !== null) out += ` ${name}="${esc(value)}"`
  return out
}

/**
 * A file written piece by piece (a METS or PREMIS document too large to build
 * as one string), hashed as it is written. Waits when the disk falls behind.
 */
export class StreamedFile {
  readonly path: string
  size = 0
  private readonly hash = createHash('sha256')
  private readonly stream: WriteStream
  private failure: Error | undefined

  constructor(path: string) {
    this.path = path
    this.stream = createWriteStream(path, { flags: 'wx' })
    this.stream.on('error', (error) => (this.failure = error))
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure
    const chunk = Buffer.from(text, 'utf8')
    this.size += chunk.length
    this.hash.update(chunk)
    if (!this.stream.write(chunk)) await drained(this.stream)
  }

  /** Closes the file; its size and SHA-256. */
  async close(): Promise<{ size: number; sha256: string }> {
    if (this.failure) throw this.failure
    this.stream.end()
    await finished(this.stream)
    return { size: this.size, sha256: this.hash.digest('hex') }
  }

  /** Closes the file, whatever state it is in; its contents no longer matter. */
  async discard(): Promise<void> {
    if (this.stream.closed) return
    this.stream.destroy()
    await finished(this.stream).catch(() => undefined)
  }
}

/** Work files of a package being written, so a failure closes every one of them. */
export class WorkFiles {
  private readonly files: StreamedFile[] = []

  open(path: string): StreamedFile {
    const file = new StreamedFile(path)
    this.files.push(file)
    return file
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.files.map((f) => f.discard()))
  }
}

/** Resolves when a stream wants more, rejects when it fails, and leaves no listener behind. */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('error', fail)
      resolve()
    }
    const fail = (error: Error) => {
      stream.off('drain', done)
      reject(error)
    }
    stream.once('drain', done)
    stream.once('error', fail)
  })
}

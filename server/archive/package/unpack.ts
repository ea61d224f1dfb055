import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { extract } from 'tar-stream'

/** A package read back: each file's bytes by its path inside the root folder. Tests only. */
export async function unpack(file: string): Promise<{ root: string; files: Map<string, Buffer> }> {
  const files = new Map<string, Buffer>()
  const roots = new Set<string>()
  const reader = extract()
  createReadStream(file).pipe(reader as unknown as NodeJS.WritableStream)
  for await (const entry of reader) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    const [root, ...rest] = entry.header.name.split('/')
    roots.add(root!)
    files.set(rest.join('/'), Buffer.concat(chunks))
  }
  if (roots.size !== 1) throw new Error(`expected one root folder, found ${[...roots].join(', ')}`)
  return { root: [...roots][0]!, files }
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Names inside the package. Archive systems, zip tools and Windows shares all
 * read these paths, so the package's own folder is plain ASCII whatever the
 * library is called: letters lose their accents (å → a), anything else that
 * is not a letter, digit, dot, underscore or dash becomes a dash, and a name that has
 * nothing left falls back to the library's id.
 */
export function safeName(value: string, fallback = 'x', maxLength = 80): string {
  const ascii = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, maxLength)
    .replace(/[-.]+$/, '')
  if (ascii) return ascii
  return fallback === value ? 'x' : safeName(fallback, 'x', maxLength)
}

/** The package's id, which is also its root folder (CSIP1). */
export function packageId(library: { id: string; name: string }, from: string, to: string): string {
  const name = safeName(library.name, library.id, 48)
  return `torget-${name}-${safeName(from.slice(0, 10))}-${safeName(to.slice(0, 10))}`
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
}

/** A media file's name: its content hash, and an extension only from a known type. */
export function mediaFileName(sha256: string, mimeType: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`)
  const ext = EXTENSIONS[mimeType.toLowerCase()] ?? 'bin'
  return `${sha256}.${ext}`
}

/** The entry's JSON file: its place in the chain and its kind (both from a closed set). */
export function entryFileName(seq: number, kind: string): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`not a sequence number: ${seq}`)
  return `${String(seq).padStart(8, '0')}-${safeName(kind)}.json`
}

import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import zlib from 'node:zlib'
import { type Font, create } from 'fontkit'

export type FontStyle = 'regular' | 'bold' | 'italic'

/** One font file: the name pdfkit knows it by, and the font (which characters it can draw). */
export interface Face {
  name: string
  font: Font
}

// Noto Sans comes in files per script; Vazirmatn draws Arabic and Persian with every
// letter form whole, so the PDF's text can be searched and copied (Noto Sans Arabic
// draws dotless shapes plus dot marks that carry no text). Both are OFL 1.1.
const NOTO_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext']
const FILES: Record<FontStyle, { pkg: string; file: string }[]> = {
  regular: [
    ...NOTO_SUBSETS.map((s) => noto(`noto-sans-${s}-400-normal.woff`)),
    vazirmatn('vazirmatn-arabic-400-normal.woff'),
  ],
  bold: [
    ...NOTO_SUBSETS.map((s) => noto(`noto-sans-${s}-700-normal.woff`)),
    vazirmatn('vazirmatn-arabic-700-normal.woff'),
  ],
  // Arabic script has no italic: it keeps its upright form.
  italic: [
    ...NOTO_SUBSETS.map((s) => noto(`noto-sans-${s}-400-italic.woff`)),
    vazirmatn('vazirmatn-arabic-400-normal.woff'),
  ],
}

function noto(file: string) {
  return { pkg: '@fontsource/noto-sans', file }
}
function vazirmatn(file: string) {
  return { pkg: '@fontsource/vazirmatn', file }
}

let loaded: Record<FontStyle, Face[]> | undefined

/** The faces of each style in the order they are tried for a character; read once per process. */
export function pdfFonts(): Record<FontStyle, Face[]> {
  if (loaded) return loaded
  const require = createRequire(import.meta.url)
  const faces = new Map<string, Face>()
  const read = ({ pkg, file }: { pkg: string; file: string }): Face => {
    let face = faces.get(file)
    if (!face) {
      // The packages export their CSS only; the font files sit beside it in files/.
      const data = fs.readFileSync(path.join(path.dirname(require.resolve(pkg)), 'files', file))
      face = { name: file.replace(/\.woff$/, ''), font: create(sfntFromWoff(data)) }
      faces.set(file, face)
    }
    return face
  }
  loaded = {
    regular: FILES.regular.map(read),
    bold: FILES.bold.map(read),
    italic: FILES.italic.map(read),
  }
  return loaded
}

/**
 * A WOFF file as the plain font inside it. fontkit reads WOFF tables through a
 * JavaScript inflate, again each time a PDF embeds glyphs; unpacked once here
 * with zlib, a policy PDF takes a fraction of the time.
 */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font')
  const count = woff.readUInt16BE(12)
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20
    const offset = woff.readUInt32BE(at + 4)
    const compressed = woff.readUInt32BE(at + 8)
    const length = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compressed)
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compressed < length ? zlib.inflateSync(raw) : raw,
    }
  })
  const power = 2 ** Math.floor(Math.log2(count))
  const header = Buffer.alloc(12 + count * 16)
  woff.copy(header, 0, 4, 8) // the flavour: TrueType or CFF outlines
  header.writeUInt16BE(count, 4)
  header.writeUInt16BE(power * 16, 6)
  header.writeUInt16BE(Math.log2(power), 8)
  header.writeUInt16BE(count * 16 - power * 16, 10)
  const parts: Buffer[] = [header]
  let offset = header.length
  tables.forEach((table, i) => {
    const record = 12 + i * 16
    table.tag.copy(header, record)
    header.writeUInt32BE(table.checksum, record + 4)
    header.writeUInt32BE(offset, record + 8)
    header.writeUInt32BE(table.data.length, record + 12)
    const padded = Buffer.alloc((table.data.length + 3) & ~3)
    table.data.copy(padded)
    parts.push(padded)
    offset += padded.length
  })
  return Buffer.concat(parts)
}

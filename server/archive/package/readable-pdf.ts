import type { ArchiveEntry } from '../../../core/archive/entry.js'
import { span, startPdf } from '../../documents/pdf-writer.js'
import { entryBlock } from './readable.js'

/*
 * The readable rendition as PDF/A-2a: the month's entries as the text file
 * gives them, each under a heading, in the embedded fonts of every PDF Torget
 * writes (server/documents/pdf-writer.ts). What no font draws (emoji) is left
 * out of the PDF only; the text file and the JSON keep it.
 */

export interface ReadablePart {
  libraryName: string
  month: string
  part: number
  parts: number
  timeZone: string
}

export async function renderReadablePdf(
  part: ReadablePart,
  entries: AsyncIterable<{ entry: ArchiveEntry; file: string }>,
): Promise<Uint8Array> {
  const of = part.parts > 1 ? ` (del ${part.part} av ${part.parts})` : ''
  const title = `${part.libraryName}: ${part.month}${of}`
  const { out, bytes } = startPdf({ title, lang: 'sv-SE' })
  out.paragraph([span(title, 'bold')], { role: 'H1', size: 16, after: 0.6 })
  const small = { size: 9, color: '#333333', after: 0.1 }
  for await (const { entry, file } of entries) {
    const { heading, about, text, after } = entryBlock(entry, file, part.timeZone)
    out.space(0.4, 10)
    out.paragraph([span(heading, 'bold')], { role: 'H2', size: 10.5, after: 0.3 })
    for (const line of about) out.paragraph([span(line)], small)
    if (text) out.paragraph([span(text)], { size: 10.5, after: 0.3 })
    for (const line of after) out.paragraph([span(line)], small)
  }
  out.finish()
  return bytes
}

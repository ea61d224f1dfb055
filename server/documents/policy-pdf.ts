import PDFDocument from 'pdfkit'
import type { Locale } from '../../core/locale.js'
import type { StrategyDocument } from '../../core/schemas/strategy.js'
import {
  type PolicyBlock,
  type PolicyMeta,
  policyMetaLine,
  policyOutline,
  policyTitle,
} from '../../core/strategy/policy-outline.js'

/*
 * The policy as a PDF, drawn with pdfkit's built-in Helvetica: no font files
 * to ship or find, and its WinAnsi encoding holds Swedish (å ä ö é) and the
 * typographic dashes and quotes. What it cannot hold (emojis, other scripts)
 * is left out of the PDF; the Markdown export keeps everything.
 */
const WIN_ANSI_EXTRAS = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a,
  0x20ac, 0x2122,
])

export function winAnsiText(text: string): string {
  let out = ''
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0)!
    if (cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) out += char
    else if (WIN_ANSI_EXTRAS.has(cp)) out += char
    else if (cp === 0x09) out += ' '
    else {
      // A letter with a mark WinAnsi lacks (ő, ł) keeps its base letter; the rest is dropped.
      const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      if (/^[\x20-\x7e]+$/.test(base)) out += base
    }
  }
  return out.replace(/ {2,}/g, ' ')
}

const MARGIN = 56

export async function renderPolicyPdf(
  doc: StrategyDocument,
  meta: PolicyMeta,
  locale: Locale,
  options: { compress?: boolean } = {},
): Promise<Uint8Array> {
  const title = winAnsiText(policyTitle(meta, locale))
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    info: { Title: title, Subject: title, Creator: 'Torget' },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve)
    pdf.on('error', reject)
  })

  const width = pdf.page.width - MARGIN * 2
  pdf.font('Helvetica-Bold').fontSize(20).text(title, { width })
  pdf.moveDown(0.3)
  pdf
    .font('Helvetica-Oblique')
    .fontSize(10)
    .fillColor('#444444')
    .text(winAnsiText(policyMetaLine(meta, locale)), { width })
  pdf.fillColor('#000000')

  for (const section of policyOutline(doc, locale)) {
    pdf.moveDown(1)
    pdf.font('Helvetica-Bold').fontSize(14).text(winAnsiText(section.title), { width })
    pdf.moveDown(0.3)
    for (const block of section.blocks) drawBlock(pdf, block, width)
  }
  pdf.end()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}

function drawBlock(pdf: PDFKit.PDFDocument, block: PolicyBlock, width: number) {
  const body = () => pdf.font('Helvetica').fontSize(11)
  switch (block.kind) {
    case 'subheading':
      pdf.moveDown(0.4)
      pdf.font('Helvetica-Bold').fontSize(12).text(winAnsiText(block.text), { width })
      pdf.moveDown(0.2)
      return
    case 'paragraph':
      body().text(winAnsiText(block.text), { width, paragraphGap: 4 })
      return
    case 'list':
      body().list(block.items.map(winAnsiText), { width, bulletRadius: 2, paragraphGap: 2 })
      pdf.moveDown(0.3)
      return
    case 'terms':
      for (const item of block.items) {
        pdf
          .font('Helvetica-Bold')
          .fontSize(11)
          .text(`${winAnsiText(item.term)}: `, { width, continued: true })
        body().text(winAnsiText(item.text), { width, paragraphGap: 3 })
      }
      pdf.moveDown(0.3)
      return
  }
}

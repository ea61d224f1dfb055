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
import { type Face, type FontStyle, pdfFonts } from './pdf-fonts.js'
import { type Measure, RTL_SCRIPT, type Span, breakLines, layoutLine, prepare } from './pdf-text.js'

/*
 * The policy as a PDF with embedded open fonts (Noto Sans, Vazirmatn), so a
 * library's text in Swedish, Ukrainian, Arabic or Persian is drawn as
 * written, right-to-left lines in their order. Only what no font has (emoji)
 * is left out; the Markdown export keeps everything.
 */

const MARGIN = 56
const LINE_HEIGHT = 1.45
const BULLET_INDENT = 14

interface Style {
  size: number
  color?: string
  /** Space after the paragraph, in lines. */
  after?: number
  indent?: number
  bullet?: boolean
}

class Writer {
  private readonly fonts = pdfFonts()
  private readonly width: number
  private readonly measures = new Map<string, number>()
  y: number

  constructor(private readonly pdf: PDFKit.PDFDocument) {
    // The fonts parsed once per process: pdfkit takes a fontkit font as it takes a file
    // (its types do not say so yet), instead of unpacking each WOFF again for every PDF.
    for (const face of new Set(Object.values(this.fonts).flat()))
      pdf.registerFont(face.name, face.font as unknown as Buffer)
    this.width = pdf.page.width - MARGIN * 2
    this.y = pdf.page.margins.top
  }

  space(lines: number, size: number) {
    this.y += lines * size
  }

  paragraph(spans: Span[], style: Style) {
    const { size } = style
    const indent = style.indent ?? 0
    const width = this.width - indent
    const measure: Measure = (text, face) => this.measure(text, face, size)
    const paragraph = prepare(spans, this.fonts)
    if (!paragraph.text) return
    const lineHeight = size * LINE_HEIGHT
    this.pdf.fillColor(style.color ?? '#000000')
    breakLines(paragraph, width, measure).forEach((range, i) => {
      if (this.y + lineHeight > this.pdf.page.height - this.pdf.page.margins.bottom) {
        this.pdf.addPage()
        this.y = this.pdf.page.margins.top
      }
      const line = layoutLine(paragraph, range, width, measure)
      const left = line.rtl ? MARGIN : MARGIN + indent
      const baseline = this.y + size * 1.1
      if (style.bullet && i === 0) {
        const x = line.rtl ? MARGIN + width + indent / 2 : MARGIN + indent / 2
        this.pdf.circle(x, baseline - size * 0.32, 2).fill()
      }
      // Reading order, each run at its visual place: readers copy the text as written.
      for (const run of [...line.runs].sort((a, b) => a.start - b.start)) {
        this.pdf
          .font(run.face.name)
          .fontSize(size)
          .text(run.draw, left + run.x, baseline, {
            lineBreak: false,
            baseline: 'alphabetic',
            features: [],
          })
      }
      this.y += lineHeight
    })
    this.y += (style.after ?? 0) * size
  }

  /**
   * pdf.js and Poppler read a right-to-left run backwards to give its text in
   * order, so a glyph of several letters (the lam-alef ligature) must list them
   * backwards too, or "لا" is copied as "ال". pdfkit keeps each font's glyph
   * texts in `unicode` and writes them when the document ends.
   */
  finish() {
    const fonts = (
      this.pdf as unknown as { _fontFamilies?: Record<string, { unicode?: number[][] }> }
    )._fontFamilies
    // A font is listed under each of its names: turn each one once.
    for (const font of new Set(Object.values(fonts ?? {}))) {
      const unicode = font.unicode
      unicode?.forEach((codePoints, gid) => {
        if (
          codePoints.length > 1 &&
          codePoints.every((cp) => RTL_SCRIPT.test(String.fromCodePoint(cp)))
        )
          unicode[gid] = [...codePoints].reverse()
      })
    }
    this.pdf.end()
  }

  private measure(text: string, face: Face, size: number): number {
    const key = `${face.name}\u0000${size}\u0000${text}`
    let width = this.measures.get(key)
    if (width === undefined) {
      width = this.pdf.font(face.name).fontSize(size).widthOfString(text, { features: [] })
      this.measures.set(key, width)
    }
    return width
  }
}

const span = (text: string, style: FontStyle = 'regular'): Span => ({ text, style })

export async function renderPolicyPdf(
  doc: StrategyDocument,
  meta: PolicyMeta,
  locale: Locale,
  options: { compress?: boolean } = {},
): Promise<Uint8Array> {
  const title = policyTitle(meta, locale)
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

  const out = new Writer(pdf)
  out.paragraph([span(title, 'bold')], { size: 20, after: 0.3 })
  out.paragraph([span(policyMetaLine(meta, locale), 'italic')], { size: 10, color: '#444444' })
  for (const section of policyOutline(doc, locale)) {
    out.space(1, 11)
    out.paragraph([span(section.title, 'bold')], { size: 14, after: 0.3 })
    for (const block of section.blocks) drawBlock(out, block)
  }
  out.finish()
  await done
  return new Uint8Array(Buffer.concat(chunks))
}

function drawBlock(out: Writer, block: PolicyBlock) {
  switch (block.kind) {
    case 'subheading':
      out.space(0.4, 12)
      out.paragraph([span(block.text, 'bold')], { size: 12, after: 0.2 })
      return
    case 'paragraph':
      out.paragraph([span(block.text)], { size: 11, after: 0.4 })
      return
    case 'list':
      for (const item of block.items)
        out.paragraph([span(item)], { size: 11, after: 0.2, indent: BULLET_INDENT, bullet: true })
      out.space(0.3, 11)
      return
    case 'terms':
      for (const item of block.items)
        out.paragraph([span(`${item.term}: `, 'bold'), span(item.text)], { size: 11, after: 0.3 })
      out.space(0.3, 11)
      return
  }
}

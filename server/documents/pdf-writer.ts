import PDFDocument from 'pdfkit'
import { type Face, type FontStyle, pdfFonts } from './pdf-fonts.js'
import { type Measure, RTL_SCRIPT, type Span, breakLines, layoutLine, prepare } from './pdf-text.js'

/*
 * Paragraphs of any script drawn with pdfkit and the embedded open fonts
 * (Noto Sans, Vazirmatn): lines broken here, right-to-left lines in order.
 * Shared by every PDF Torget writes (the policy, released public records).
 */

export const MARGIN = 56
const LINE_HEIGHT = 1.45

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface Style {
  size: number
  color?: string
  /** Space after the paragraph, in lines. */
  after?: number
  indent?: number
  bullet?: boolean
}

export class Writer {
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
    const indent = style.indent ?? 0
    this.y = this.lines(spans, style, MARGIN + indent, this.width - indent, this.y, true)
    this.y += (style.after ?? 0) * style.size
  }

  /** The width text may take between the margins. */
  get contentWidth(): number {
    return this.width
  }

  /**
   * Text in a box of its own at (x, y), `width` wide, set from the left, the
   * right or the middle; returns where the text ends. The page does not turn.
   */
  textAt(
    spans: Span[],
    style: Style & { align?: 'left' | 'right' | 'center' },
    at: { x: number; y: number; width: number },
  ): number {
    return this.lines(spans, style, at.x, at.width, at.y, false, style.align ?? 'left')
  }

  /**
   * Reserves `height` points below the text so far (on a new page if they do not
   * fit) and hands the box to `draw`, for charts drawn with pdfkit's vector paths.
   */
  graphic(height: number, draw: (pdf: PDFKit.PDFDocument, box: Box) => void) {
    if (this.y + height > this.pdf.page.height - this.pdf.page.margins.bottom) {
      this.pdf.addPage()
      this.y = this.pdf.page.margins.top
    }
    this.pdf.save()
    draw(this.pdf, { x: MARGIN, y: this.y, width: this.width, height })
    this.pdf.restore()
    this.y += height
  }

  private lines(
    spans: Span[],
    style: Style,
    x: number,
    width: number,
    y: number,
    turnPages: boolean,
    align: 'left' | 'right' | 'center' = 'left',
  ): number {
    const { size } = style
    const measure: Measure = (text, face) => this.measure(text, face, size)
    const paragraph = prepare(spans, this.fonts)
    if (!paragraph.text) return y
    const lineHeight = size * LINE_HEIGHT
    this.pdf.fillColor(style.color ?? '#000000')
    breakLines(paragraph, width, measure).forEach((range, i) => {
      if (turnPages && y + lineHeight > this.pdf.page.height - this.pdf.page.margins.bottom) {
        this.pdf.addPage()
        y = this.pdf.page.margins.top
      }
      const line = layoutLine(paragraph, range, width, measure)
      const shift =
        line.rtl || align === 'left'
          ? 0
          : align === 'right'
            ? width - line.width
            : (width - line.width) / 2
      const left = (line.rtl ? x - (style.indent ?? 0) : x) + shift
      const baseline = y + size * 1.1
      if (style.bullet && i === 0) {
        const indent = style.indent ?? 0
        const bx = line.rtl ? x - indent + width + indent / 2 : x - indent / 2
        this.pdf.circle(bx, baseline - size * 0.32, 2).fill()
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
      y += lineHeight
    })
    return y
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

export const span = (text: string, style: FontStyle = 'regular'): Span => ({ text, style })

/** A new A4 document and a promise of its bytes once `finish` has ended it. */
export function startPdf(options: { title: string; lang: string; compress?: boolean }): {
  out: Writer
  bytes: Promise<Uint8Array>
} {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: options.lang,
    displayTitle: true,
    info: { Title: options.title, Subject: options.title, Creator: 'Torget' },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    pdf.on('error', reject)
  })
  return { out: new Writer(pdf), bytes }
}

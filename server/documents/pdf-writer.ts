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
  /** The paragraph's role in the document's structure (PDF/UA tags); 'P' unless said. */
  role?: 'H1' | 'H2' | 'H3' | 'P'
  size: number
  color?: string
  /** Space after the paragraph, in lines. */
  after?: number
  indent?: number
  bullet?: boolean
}

/**
 * Every mark on a page is tagged (PDF/UA): text under its paragraph, heading
 * or list item, a chart as a Figure with its numbers as alternate text, and
 * what only decorates (bullets, panels) as an artifact, so a screen reader
 * reads the document in order and skips nothing it needs.
 */
export class Writer {
  private readonly fonts = pdfFonts()
  private readonly width: number
  private readonly measures = new Map<string, number>()
  private readonly root: PDFKit.PDFStructureElement
  /** The list consecutive bulleted paragraphs go into; closed by anything else. */
  private list: PDFKit.PDFStructureElement | null = null
  /** Inside a Figure its text is part of the figure, not tagged on its own. */
  private inFigure = false
  y: number

  constructor(private readonly pdf: PDFKit.PDFDocument) {
    this.root = pdf.struct('Document')
    pdf.addStructure(this.root)
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
    const element = this.element(style)
    this.y = this.lines(spans, style, MARGIN + indent, this.width - indent, this.y, true, element)
    this.y += (style.after ?? 0) * style.size
  }

  /** The structure element a paragraph's lines are tagged under. */
  private element(style: Style): PDFKit.PDFStructureElement {
    if (!style.bullet) {
      this.list = null
      const element = this.pdf.struct(style.role ?? 'P')
      this.root.add(element)
      return element
    }
    if (!this.list) {
      this.list = this.pdf.struct('L')
      this.root.add(this.list)
    }
    const item = this.pdf.struct('LI')
    this.list.add(item)
    const body = this.pdf.struct('LBody')
    item.add(body)
    return body
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
    const element = this.inFigure ? undefined : this.element(style)
    return this.lines(spans, style, at.x, at.width, at.y, false, element, style.align ?? 'left')
  }

  /**
   * Reserves `height` points below the text so far (on a new page if they do not
   * fit) and hands the box to `draw`, for charts drawn with pdfkit's vector paths.
   * `alt` is what the figure says in words, read in its place by a screen reader.
   */
  graphic(height: number, alt: string, draw: (pdf: PDFKit.PDFDocument, box: Box) => void) {
    this.list = null
    if (this.y + height > this.pdf.page.height - this.pdf.page.margins.bottom) {
      this.pdf.addPage()
      this.y = this.pdf.page.margins.top
    }
    const figure = this.pdf.struct('Figure', { alt })
    this.root.add(figure)
    figure.add(() => {
      this.inFigure = true
      this.pdf.save()
      draw(this.pdf, { x: MARGIN, y: this.y, width: this.width, height })
      this.pdf.restore()
      this.inFigure = false
    })
    this.y += height
  }

  private lines(
    spans: Span[],
    style: Style,
    x: number,
    width: number,
    y: number,
    turnPages: boolean,
    element: PDFKit.PDFStructureElement | undefined,
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
        this.pdf.markContent('Artifact')
        this.pdf.circle(bx, baseline - size * 0.32, 2).fill()
        this.pdf.endMarkedContent()
      }
      // Reading order, each run at its visual place: readers copy the text as written.
      const draw = () => {
        for (const run of [...line.runs].sort((a, b) => a.start - b.start)) {
          this.pdf
            .font(run.face.name)
            .fontSize(size)
            .text(run.draw, left + run.x, baseline, {
              lineBreak: false,
              baseline: 'alphabetic',
              // A right-to-left run is laid out whole, so fontkit turns it around as one; pdfkit's
              // cache lays a run out word by word, much cheaper, and keeps the words in order.
              ...(run.rtl && { features: [] }),
            })
        }
      }
      if (element) element.add(draw)
      else draw()
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
    this.root.end()
    this.pdf.end()
  }

  private measure(text: string, face: Face, size: number): number {
    const key = `${face.name}\u0000${size}\u0000${text}`
    let width = this.measures.get(key)
    if (width === undefined) {
      width = this.pdf.font(face.name).fontSize(size).widthOfString(text)
      this.measures.set(key, width)
    }
    return width
  }
}

export const span = (text: string, style: FontStyle = 'regular'): Span => ({ text, style })

/**
 * The PDF/UA-1 identifier, and the PDF/A extension schema that declares it:
 * PDF/A allows in XMP only the schemas it predefines and those described in
 * the file, and pdfuaid is not one of its own.
 */
const PDFUA_XMP = `
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        <rdf:Description rdf:about=""
            xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
            xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>`

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** What pdfkit copies from the document's info into its XMP, which it writes as it finds it. */
type InfoToXmp = { info: Record<string, unknown>; _addInfo: () => void }

/**
 * A new A4 document and a promise of its bytes once `finish` has ended it.
 * Every document is PDF/A-2a (ISO 19005-2, level A: tagged, every character
 * mapped to Unicode; fonts embedded, sRGB output intent, no encryption) and
 * says PDF/UA-1 too; server/documents/pdfa.test.ts checks the bytes.
 */
export function startPdf(options: { title: string; lang: string; compress?: boolean }): {
  out: Writer
  bytes: Promise<Uint8Array>
} {
  // XMP is XML: no control characters, even where a name has them.
  const title = options.title.replace(/[\p{Cc}\uFFFE\uFFFF]/gu, ' ')
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: options.lang,
    displayTitle: true,
    // PDF/A-2 is PDF 1.7; pdfkit writes its XMP identifier and the sRGB output intent.
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    info: { Title: title, Subject: title, Creator: 'Torget' },
  })
  pdf.appendXML(PDFUA_XMP)
  // The XMP must say what the info dictionary says: XML-escaped there ("&" in a library's
  // name), as written here.
  const xmp = pdf as unknown as InfoToXmp
  const addInfo = xmp._addInfo.bind(pdf)
  xmp._addInfo = () => {
    const info = xmp.info
    xmp.info = Object.fromEntries(
      Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]),
    )
    try {
      addInfo()
    } finally {
      xmp.info = info
    }
  }
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    pdf.on('error', reject)
  })
  return { out: new Writer(pdf), bytes }
}

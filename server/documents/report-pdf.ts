import { type Box, barGeometry, lineGeometry } from '../../core/stats/chart.js'
import type { ReportOutline } from '../../core/stats/report-outline.js'
import { type Writer, span, startPdf } from './pdf-writer.js'

/*
 * The monthly report on one A4 page: figures at the top, two charts drawn as
 * vector paths (not pictures, so they stay sharp and small), then the text.
 * Every word is real text in the embedded fonts, so it can be searched,
 * copied and read aloud; each chart is followed by its numbers in a sentence.
 */

const INK = '#1b1b1b'
const MUTED = '#555555'
const LINE = '#0e5c76'
const BAR = '#3489a9'
const GRID = '#d5dadd'
const PANEL = '#eef3f5'

export async function renderReportPdf(outline: ReportOutline): Promise<Uint8Array> {
  const { out, bytes } = startPdf({
    title: `${outline.title} – ${outline.subtitle}`,
    lang: outline.lang,
  })
  out.paragraph([span(outline.title, 'bold')], { role: 'H1', size: 18, color: INK })
  out.paragraph([span(outline.subtitle)], { size: 11, color: INK })
  out.paragraph([span(outline.period, 'italic')], { size: 8.5, color: MUTED, after: 0.8 })
  drawHeadline(out, outline)
  out.space(0.8, 10)
  drawCharts(out, outline)
  for (const section of outline.sections) {
    out.space(0.5, 10)
    out.paragraph([span(section.heading, 'bold')], {
      role: 'H2',
      size: 11,
      color: INK,
      after: 0.2,
    })
    for (const p of section.paragraphs) out.paragraph([span(p)], { size: 9, after: 0.2 })
    for (const item of section.items)
      out.paragraph([span(item)], { size: 9, indent: 10, bullet: true, after: 0.15 })
  }
  out.space(0.8, 10)
  out.paragraph([span(outline.footer)], { size: 7.5, color: MUTED })
  out.finish()
  return bytes
}

function drawHeadline(out: Writer, outline: ReportOutline) {
  const gap = 8
  const count = outline.headline.length
  const alt = outline.headline.map((h) => `${h.label}: ${h.value} (${h.note})`).join('. ')
  out.graphic(70, alt, (pdf, box) => {
    const width = (box.width - gap * (count - 1)) / count
    outline.headline.forEach((h, i) => {
      const x = box.x + i * (width + gap)
      pdf.roundedRect(x, box.y, width, box.height, 4).fill(PANEL)
      const inner = { x: x + 6, width: width - 12 }
      let y = out.textAt(
        [span(h.label, 'bold')],
        { size: 7.5, color: MUTED },
        { ...inner, y: box.y + 4 },
      )
      y = out.textAt([span(h.value, 'bold')], { size: 13.5, color: INK }, { ...inner, y })
      out.textAt([span(h.note)], { size: 7, color: MUTED }, { ...inner, y })
    })
  })
}

function drawCharts(out: Writer, outline: ReportOutline) {
  const gap = 14
  const alt = [outline.followers, outline.posts].map((c) => `${c.title}: ${c.summary}`).join(' ')
  out.graphic(156, alt, (pdf, box) => {
    const width = (box.width - gap) / 2
    const left: Box = { x: box.x, y: box.y, width, height: box.height }
    const right: Box = { x: box.x + width + gap, y: box.y, width, height: box.height }
    const number = new Intl.NumberFormat(outline.lang, { maximumFractionDigits: 0 })

    // Followers over the month.
    let y = out.textAt([span(outline.followers.title, 'bold')], { size: 9 }, { ...left, y: left.y })
    const f = outline.followers
    const plot = { x: left.x + 34, y: y + 4, width: left.width - 38, height: 92 }
    const days = [f.from, `${f.from.slice(0, 8)}15`, f.to]
    const line = lineGeometry(f.points, f.from, f.to, plot, days)
    if (f.points.length > 0) {
      grid(pdf, plot, line.yTicks)
      for (const t of line.yTicks)
        out.textAt(
          [span(number.format(t.value))],
          { size: 6.5, color: MUTED, align: 'right' },
          {
            x: left.x,
            y: t.y - 5,
            width: 30,
          },
        )
      pdf.lineWidth(1.6).strokeColor(LINE)
      line.points.forEach(([px, py], i) => (i === 0 ? pdf.moveTo(px, py) : pdf.lineTo(px, py)))
      if (line.points.length === 1) pdf.circle(line.points[0]![0], line.points[0]![1], 2).fill(LINE)
      else pdf.stroke()
    } else {
      pdf.lineWidth(0.5).strokeColor(GRID).rect(plot.x, plot.y, plot.width, plot.height).stroke()
    }
    for (const t of line.xTicks)
      out.textAt(
        [span(String(Number(t.day.slice(8))))],
        { size: 6.5, color: MUTED, align: 'center' },
        {
          x: t.x - 15,
          y: plot.y + plot.height + 2,
          width: 30,
        },
      )
    out.textAt(
      [span(f.summary)],
      { size: 7.5, color: INK },
      {
        x: left.x,
        y: plot.y + plot.height + 14,
        width: left.width,
      },
    )

    // Posts per week.
    y = out.textAt([span(outline.posts.title, 'bold')], { size: 9 }, { ...right, y: right.y })
    const area = { x: right.x + 24, y: y + 4, width: right.width - 28, height: 92 }
    const bars = barGeometry(outline.posts.bars, area)
    grid(pdf, area, bars.yTicks)
    for (const t of bars.yTicks)
      out.textAt(
        [span(number.format(t.value))],
        { size: 6.5, color: MUTED, align: 'right' },
        {
          x: right.x,
          y: t.y - 5,
          width: 20,
        },
      )
    for (const b of bars.bars) {
      if (b.height > 0) pdf.rect(b.x, b.y, b.width, b.height).fill(BAR)
      out.textAt(
        [span(b.label)],
        { size: 6.5, color: MUTED, align: 'center' },
        {
          x: b.x - 8,
          y: area.y + area.height + 2,
          width: b.width + 16,
        },
      )
    }
    out.textAt(
      [span(outline.posts.summary)],
      { size: 7.5, color: INK },
      {
        x: right.x,
        y: area.y + area.height + 14,
        width: right.width,
      },
    )
  })
}

function grid(pdf: PDFKit.PDFDocument, box: Box, ticks: { y: number }[]) {
  pdf.lineWidth(0.5).strokeColor(GRID)
  for (const t of ticks)
    pdf
      .moveTo(box.x, t.y)
      .lineTo(box.x + box.width, t.y)
      .stroke()
}

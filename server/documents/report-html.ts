import { type Box, barGeometry, lineGeometry } from '../../core/stats/chart.js'
import type { ReportOutline } from '../../core/stats/report-outline.js'

/*
 * The monthly report as one self-contained HTML page: no scripts, no outside
 * files, so it opens the same from the app, a mail archive or a disk. Charts
 * are inline SVG with a title and description, each followed by a table of
 * its numbers for screen readers and for copying.
 */

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const STYLE = `
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b;margin:0;background:#fff}
main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.75rem;margin:0}
.subtitle{font-size:1.1rem;margin:.25rem 0}
.period,.footer,.note{color:#555}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:1.25rem 0;padding:0}
.figures div{background:#eef3f5;border-radius:.4rem;padding:.6rem .75rem}
.figures dt{font-weight:700;font-size:.85rem;color:#444}
.figures dd{margin:0;font-size:1.5rem;font-weight:700}
.figures .note{font-size:.8rem;font-weight:400}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.25rem}
figure{margin:0}
figcaption{font-weight:700;margin-bottom:.25rem}
svg{width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem}
th,td{border-bottom:1px solid #d5dadd;padding:.15rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.footer{font-size:.85rem;margin-top:2rem}
`

export function renderReportHtml(outline: ReportOutline): string {
  const number = new Intl.NumberFormat(outline.lang, { maximumFractionDigits: 0 })
  const sv = outline.lang === 'sv-SE'
  const figures = outline.headline
    .map(
      (h) =>
        `<div><dt>${escape(h.label)}</dt><dd>${escape(h.value)}${h.note ? `<br><span class="note">${escape(h.note)}</span>` : ''}</dd></div>`,
    )
    .join('')
  const f = outline.followers
  const followerRows = f.points
    .map((p) => [p.day, number.format(p.value)] as const)
    .map(([d, v]) => `<tr><td>${escape(d)}</td><td>${escape(v)}</td></tr>`)
    .join('')
  const postRows = outline.posts.bars
    .map((b) => `<tr><td>${escape(b.label)}</td><td>${escape(number.format(b.value))}</td></tr>`)
    .join('')
  const sections = outline.sections
    .map(
      (s) =>
        `<section><h2>${escape(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}${
          s.items.length ? `<ul>${s.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>` : ''
        }</section>`,
    )
    .join('')
  const table = (caption: string, head: [string, string], rows: string) =>
    rows
      ? `<details><summary>${escape(caption)}</summary><table><thead><tr><th scope="col">${escape(head[0])}</th><th scope="col">${escape(head[1])}</th></tr></thead><tbody>${rows}</tbody></table></details>`
      : ''
  const numbersCaption = sv ? 'Siffrorna i diagrammet' : 'The numbers in the chart'
  return `<!doctype html>
<html lang="${outline.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`${outline.title} – ${outline.subtitle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escape(outline.title)}</h1>
<p class="subtitle">${escape(outline.subtitle)}</p>
<p class="period">${escape(outline.period)}</p>
</header>
<dl class="figures">${figures}</dl>
<div class="charts">
<figure>
<figcaption id="followers-title">${escape(f.title)}</figcaption>
${followersSvg(outline, number)}
<p>${escape(f.summary)}</p>
${table(numbersCaption, [sv ? 'Dag' : 'Day', sv ? 'Följare' : 'Followers'], followerRows)}
</figure>
<figure>
<figcaption id="posts-title">${escape(outline.posts.title)}</figcaption>
${postsSvg(outline, number)}
<p>${escape(outline.posts.summary)}</p>
${table(numbersCaption, [sv ? 'Vecka' : 'Week', sv ? 'Inlägg' : 'Posts'], postRows)}
</figure>
</div>
${sections}
<p class="footer">${escape(outline.footer)}</p>
</main>
</body>
</html>
`
}

const W = 320
const H = 160
const PLOT: Box = { x: 44, y: 8, width: W - 52, height: H - 30 }

function followersSvg(outline: ReportOutline, number: Intl.NumberFormat): string {
  const f = outline.followers
  const days = [f.from, `${f.from.slice(0, 8)}15`, f.to]
  const g = lineGeometry(f.points, f.from, f.to, PLOT, days)
  const path = g.points
    .map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`)
    .join('')
  const yAxis = f.points.length
    ? g.yTicks
        .map(
          (t) =>
            `<line x1="${PLOT.x}" x2="${PLOT.x + PLOT.width}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#d5dadd"/><text x="${PLOT.x - 4}" y="${(t.y + 3).toFixed(1)}" text-anchor="end">${escape(number.format(t.value))}</text>`,
        )
        .join('')
    : `<rect x="${PLOT.x}" y="${PLOT.y}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#d5dadd"/>`
  const xAxis = g.xTicks
    .map(
      (t) =>
        `<text x="${t.x.toFixed(1)}" y="${H - 6}" text-anchor="middle">${Number(t.day.slice(8))}</text>`,
    )
    .join('')
  return svg(
    'followers',
    f.summary,
    `${yAxis}${xAxis}${path ? `<path d="${path}" fill="none" stroke="#0e5c76" stroke-width="2"/>` : ''}`,
  )
}

function postsSvg(outline: ReportOutline, number: Intl.NumberFormat): string {
  const g = barGeometry(outline.posts.bars, { ...PLOT, x: 32, width: W - 40 })
  const yAxis = g.yTicks
    .map(
      (t) =>
        `<line x1="32" x2="${W - 8}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#d5dadd"/><text x="28" y="${(t.y + 3).toFixed(1)}" text-anchor="end">${escape(number.format(t.value))}</text>`,
    )
    .join('')
  const bars = g.bars
    .map(
      (b) =>
        `<rect x="${b.x.toFixed(1)}" y="${b.y.toFixed(1)}" width="${b.width.toFixed(1)}" height="${b.height.toFixed(1)}" fill="#3489a9"/><text x="${(b.x + b.width / 2).toFixed(1)}" y="${H - 6}" text-anchor="middle">${escape(b.label)}</text>`,
    )
    .join('')
  return svg('posts', outline.posts.summary, `${yAxis}${bars}`)
}

function svg(id: string, description: string, body: string): string {
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-size="10" fill="#555"><desc id="${id}-desc">${escape(description)}</desc>${body}</svg>`
}

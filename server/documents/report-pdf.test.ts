import { extractText, getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import type { MonthFigures } from '../../core/schemas/reports.js'
import { type ReportData, reportOutline } from '../../core/stats/report-outline.js'
import { addDays } from '../../core/time/zoned.js'
import { renderReportHtml } from './report-html.js'
import { renderReportPdf } from './report-pdf.js'

const FIGURES: MonthFigures = {
  month: '2026-03',
  followersStart: 1210,
  followersEnd: 1265,
  postsPublished: 14,
  engagements: 166,
  likes: 120,
  reposts: 30,
  replies: 18,
  quotes: 4,
  mentions: 3,
  answered: 16,
  answeredWithinTarget: 14,
  medianResponseMinutes: 130,
}

function data(over: Partial<ReportData> = {}): ReportData {
  return {
    name: 'Ödeshögs bibliotek',
    month: '2026-03',
    locale: 'sv',
    timeZone: 'Europe/Stockholm',
    figures: FIGURES,
    previous: { ...FIGURES, month: '2026-02', postsPublished: 11 },
    followers: Array.from({ length: 31 }, (_, i) => ({
      day: addDays('2026-03-01', i),
      value: 1210 + Math.round((55 * i) / 30),
    })),
    postsByDay: [
      { day: '2026-03-03', value: 2 },
      { day: '2026-03-12', value: 5 },
      { day: '2026-03-30', value: 7 },
    ],
    topPosts: [
      {
        publicationId: 'p1',
        postId: 'post1',
        channelId: 'c1',
        excerpt:
          'Påsklovet är här! Vi har öppet som vanligt och läser sagor för små öron på lördag.',
        url: null,
        publishedAt: '2026-03-12T09:30:00.000Z',
        date: '2026-03-12',
        time: '10:30',
        timeOfDay: 'midday',
        hasImage: true,
        hasQuestion: false,
        paid: false,
        campaign: null,
        likes: 30,
        reposts: 6,
        replies: 4,
        quotes: 0,
        engagements: 40,
        views: null,
        reach: null,
        saves: null,
        source: 'network',
        why: ['image', 'time_of_day'],
        deleted: false,
        network: 'bluesky',
      },
    ],
    goals: [],
    target: 'inom 24 timmar på vardagar',
    createdAt: '2026-04-01T06:00:00.000Z',
    ...over,
  }
}

async function readBack(pdf: Uint8Array) {
  const proxy = await getDocumentProxy(pdf)
  const { text } = await extractText(proxy, { mergePages: true })
  return { pages: proxy.numPages, text: text.replace(/\s+/g, ' ') }
}

describe('the monthly report', () => {
  it('fits one A4 page, its Swedish text readable back out of the PDF', async () => {
    const { pages, text } = await readBack(await renderReportPdf(reportOutline(data())))
    expect(pages).toBe(1)
    expect(text).toContain('Sociala medier i mars 2026')
    expect(text).toContain('Månadsrapport för Ödeshögs bibliotek')
    expect(text).toContain('Följare under månaden')
    expect(text).toContain('Följare i alla kanaler: 1 210 den 1 mars och 1 265 den 31 mars (+55).')
    expect(text).toContain('Det här fungerade bäst')
    expect(text).toContain(
      '”Påsklovet är här! Vi har öppet som vanligt och läser sagor för små öron på lördag.”',
    )
    expect(text).toContain('88 % fick svar inom svarsmålet (inom 24 timmar på vardagar)')
    expect(text).toContain('Hälften fick svar inom 2 timmar 10 minuter')
  })

  it('is a tagged PDF/UA document: headings, lists and charts with their words, nothing untagged', async () => {
    const bytes = await renderReportPdf(reportOutline(data()))
    const proxy = await getDocumentProxy(bytes)
    expect(await proxy.getMarkInfo()).toMatchObject({ Marked: true })
    const { metadata } = await proxy.getMetadata()
    expect(metadata?.get('pdfuaid:part')).toBe('1')
    const page = await proxy.getPage(1)
    const roles: string[] = []
    const alts: string[] = []
    const walk = (node: { role?: string; alt?: string; children?: unknown[] }) => {
      if (node.role) roles.push(node.role)
      if (node.alt) alts.push(node.alt)
      for (const child of node.children ?? []) walk(child as typeof node)
    }
    walk((await page.getStructTree()) as never)
    expect(roles).toEqual(
      expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'Figure', 'L', 'LI', 'LBody']),
    )
    // The charts say in words what they show.
    expect(alts.join(' ')).toMatch(/Följare: 1\s265/)
    // Every piece of text sits inside a tagged (structure) or artifact mark.
    const content = await page.getTextContent({ includeMarkedContent: true })
    let depth = 0
    let untagged = 0
    for (const item of content.items as { type?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') depth++
      else if (item.type === 'endMarkedContent') depth--
      else if (item.str?.trim() && depth === 0) untagged++
    }
    expect(untagged).toBe(0)
  })

  it('says plainly what is missing in a month with no figures, in English for an English library', async () => {
    const empty: MonthFigures = {
      ...FIGURES,
      followersStart: null,
      followersEnd: null,
      postsPublished: 0,
      engagements: 0,
      likes: 0,
      reposts: 0,
      replies: 0,
      quotes: 0,
      mentions: 0,
      answered: 0,
      answeredWithinTarget: 0,
      medianResponseMinutes: null,
    }
    const outline = reportOutline(
      data({
        locale: 'en',
        figures: empty,
        previous: null,
        followers: [],
        postsByDay: [],
        topPosts: [],
      }),
    )
    const { pages, text } = await readBack(await renderReportPdf(outline))
    expect(pages).toBe(1)
    expect(text).toContain('Social media in March 2026')
    expect(text).toContain('Torget has no follower figures for the month yet.')
    expect(text).toContain('No questions were answered in the month.')
    expect(text).toContain('The strategy has no goals yet.')
  })

  it('gives the same report as an HTML page, its charts described and their numbers in tables', () => {
    const html = renderReportHtml(
      reportOutline(
        data({ topPosts: [{ ...data().topPosts[0]!, excerpt: '<script>alert(1)</script>' }] }),
      ),
    )
    expect(html).toContain('<html lang="sv-SE">')
    expect(html).toContain(
      '<svg viewBox="0 0 320 160" role="img" aria-labelledby="followers-title" aria-describedby="followers-desc"',
    )
    expect(html).toContain('<th scope="col">Följare</th>')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
  })
})

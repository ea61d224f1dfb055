import type { Locale } from '../../../core/locale.js'
import type { StatsChart, StatsDashboard } from '../../../core/schemas/stats.js'
import { csvCell } from '../calendar-export.js'

type Cell = string | number | null

const HEADERS: Record<StatsChart, Record<Locale, string[]>> = {
  activity: {
    sv: ['Från', 'Inlägg', 'Gilla', 'Delningar', 'Svar', 'Citat', 'Omnämnanden', 'Nya följare'],
    en: ['From', 'Posts', 'Likes', 'Reposts', 'Replies', 'Quotes', 'Mentions', 'New follows'],
  },
  followers: { sv: ['Kanal', 'Från', 'Följare'], en: ['Channel', 'From', 'Followers'] },
  channels: {
    sv: [
      'Kanal',
      'Inlägg',
      'Engagemang',
      'Per inlägg',
      'Bas',
      'Basens antal',
      'Engagemangsgrad (%)',
    ],
    en: [
      'Channel',
      'Posts',
      'Engagements',
      'Per post',
      'Base',
      'Base count',
      'Engagement rate (%)',
    ],
  },
  posts: {
    sv: [
      'Lista',
      'Datum',
      'Tid',
      'Kanal',
      'Text',
      'Gilla',
      'Delningar',
      'Svar',
      'Citat',
      'Engagemang',
      'Visningar',
      'Räckvidd',
      'Sparade',
      'Källa',
      'Varför',
      'Länk',
    ],
    en: [
      'List',
      'Date',
      'Time',
      'Channel',
      'Text',
      'Likes',
      'Reposts',
      'Replies',
      'Quotes',
      'Engagements',
      'Views',
      'Reach',
      'Saves',
      'Source',
      'Why',
      'Link',
    ],
  },
  factors: {
    sv: ['Egenskap', 'Grupp', 'Inlägg', 'Engagemang per inlägg'],
    en: ['Trait', 'Group', 'Posts', 'Engagement per post'],
  },
  campaigns: {
    sv: [
      'Kampanj',
      'Mål',
      'Toppdag',
      'Inlägg',
      'Engagemang',
      'Per inlägg',
      'Per inlägg utanför kampanjer',
    ],
    en: [
      'Campaign',
      'Goal',
      'Peak',
      'Posts',
      'Engagements',
      'Per post',
      'Per post outside campaigns',
    ],
  },
  split: {
    sv: ['Del', 'Inlägg', 'Engagemang eller antal'],
    en: ['Part', 'Posts', 'Engagements or count'],
  },
  'best-time': {
    sv: ['Timme', 'Inlägg', 'Värde', 'Underlag'],
    en: ['Hour', 'Posts', 'Value', 'Basis'],
  },
  'response-times': { sv: ['Mått', 'Värde'], en: ['Measure', 'Value'] },
}

const WORDS = {
  sv: {
    best: 'Bästa',
    weakest: 'Svagaste',
    network: 'nätverket',
    received: 'mottaget',
    owned: 'Egna',
    paid: 'Betalda',
    earned: 'Förtjänade (omnämnanden + citat)',
    yes: 'ja',
    no: 'nej',
    own_posts: 'egna inlägg (engagemang per inlägg)',
    audience: 'publikens aktivitet (interaktioner)',
    general: 'allmänt råd',
    followers: 'följare',
    views: 'visningar',
    received_items: 'Mottagna ärenden',
    answered: 'Besvarade',
    median: 'Median (minuter)',
    p90: '90:e percentilen (minuter)',
    within: 'Andel inom målet (%)',
    target: 'Mål',
  },
  en: {
    best: 'Best',
    weakest: 'Weakest',
    network: 'network',
    received: 'received',
    owned: 'Owned',
    paid: 'Paid',
    earned: 'Earned (mentions + quotes)',
    yes: 'yes',
    no: 'no',
    own_posts: 'own posts (engagement per post)',
    audience: 'audience activity (interactions)',
    general: 'general advice',
    followers: 'followers',
    views: 'views',
    received_items: 'Items received',
    answered: 'Answered',
    median: 'Median (minutes)',
    p90: '90th percentile (minutes)',
    within: 'Share within target (%)',
    target: 'Target',
  },
} as const

/** A number as a spreadsheet in the language reads it: Swedish decimals take a comma. */
function numberText(value: number, locale: Locale): string {
  const text = String(Math.round(value * 100) / 100)
  return locale === 'sv' ? text.replace('.', ',') : text
}

/**
 * Semicolons, CRLF and a UTF-8 byte-order mark, as the calendar's export
 * (Excel with Swedish settings opens it with å, ä and ö intact). Numbers are
 * written as numbers; text goes through the export's guard against formulas.
 */
function file(lines: Cell[][], locale: Locale): string {
  const cell = (value: Cell) =>
    value === null ? '' : typeof value === 'number' ? numberText(value, locale) : csvCell(value)
  return `\uFEFF${lines.map((cells) => cells.map(cell).join(';')).join('\r\n')}\r\n`
}

function rows(d: StatsDashboard, chart: StatsChart, locale: Locale): Cell[][] {
  const w = WORDS[locale]
  const handle = (id: string) => d.channels.find((c) => c.id === id)?.handle ?? id
  switch (chart) {
    case 'activity':
      return d.activity.map((b) => [
        b.start,
        b.posts,
        b.likes,
        b.reposts,
        b.replies,
        b.quotes,
        b.mentions,
        b.follows,
      ])
    case 'followers':
      return d.followers.flatMap((s) =>
        s.points.map((p) => [handle(s.channelId), p.start, p.followers]),
      )
    case 'channels':
      return d.byChannel.map((c) => [
        handle(c.channelId),
        c.posts,
        c.engagements,
        c.perPost,
        w[c.rateBase],
        c.base,
        c.rate,
      ])
    case 'posts':
      return [
        ...d.bestPosts.map((p) => ({ list: w.best, p })),
        ...d.weakestPosts.map((p) => ({ list: w.weakest, p })),
      ].map(({ list, p }) => [
        list,
        p.date,
        p.time,
        handle(p.channelId),
        p.excerpt,
        p.likes,
        p.reposts,
        p.replies,
        p.quotes,
        p.engagements,
        p.views,
        p.reach,
        p.saves,
        w[p.source],
        p.why.join(', '),
        p.url,
      ])
    case 'factors':
      return d.factors.map((f) => [
        f.factor,
        f.group === 'yes' || f.group === 'no' ? w[f.group] : f.group,
        f.posts,
        f.perPost,
      ])
    case 'campaigns':
      return d.campaigns.map((c) => [
        c.name,
        c.goal,
        c.peakAt.slice(0, 10),
        c.posts,
        c.engagements,
        c.perPost,
        c.comparedTo,
      ])
    case 'split':
      return [
        [w.owned, d.split.owned.posts, d.split.owned.engagements],
        [w.paid, d.split.paid.posts, d.split.paid.engagements],
        [w.earned, null, d.split.earned.total],
      ]
    case 'best-time':
      return d.bestTime.hours.map((h) => [
        `${String(h.hour).padStart(2, '0')}:00`,
        h.posts,
        h.value,
        w[d.bestTime.basis],
      ])
    case 'response-times': {
      const r = d.responseTimes
      return [
        [w.received_items, r.received],
        [w.answered, r.answered],
        [w.median, r.medianMinutes],
        [w.p90, r.p90Minutes],
        [w.within, r.withinTarget === null ? null : r.withinTarget * 100],
        [w.target, r.target],
      ]
    }
  }
}

/** One chart's numbers as the CSV file its link downloads. */
export function statsCsv(d: StatsDashboard, chart: StatsChart, locale: Locale) {
  const name = locale === 'sv' ? 'statistik' : 'statistics'
  return {
    filename: `${name}-${chart}-${d.period.from}-${d.period.to}.csv`,
    body: file([HEADERS[chart][locale], ...rows(d, chart, locale)], locale),
  }
}

import { NETWORKS, networkName } from '../channels/networks.js'
import type { Locale } from '../locale.js'
import { isOneOf } from '../one-of.js'
import type { GoalProgressView, MonthFigures } from '../schemas/reports.js'
import type { PostFactor, RankedPost } from '../schemas/stats.js'
import { isoWeekOf } from '../time/iso-week.js'
import { addDays } from '../time/zoned.js'
import { firstDay, lastDay } from './months.js'
import type { SeriesPoint } from './series.js'

/*
 * The monthly report as plain content, in Swedish or English: one structure
 * that the HTML page, the PDF and the e-mail all render, so they cannot say
 * different things. Written for a head of library or a committee who has
 * never opened Torget.
 */

/** One of the month's best posts as the Statistik page ranks them, with its network's name. */
export type ReportPost = RankedPost & { network: string }

export interface ReportData {
  /** A library's name, or for the instance the region's words. */
  name: string
  /** Set for the instance's report: how many libraries it sums. */
  libraries?: number
  month: string
  locale: Locale
  timeZone: string
  figures: MonthFigures
  previous: MonthFigures | null
  followers: SeriesPoint[]
  postsByDay: SeriesPoint[]
  topPosts: ReportPost[]
  goals: GoalProgressView[]
  /** The answer target in words: "inom 24 timmar på vardagar". */
  target: string
  createdAt: string
}

export interface Headline {
  label: string
  value: string
  note: string
}

export interface ReportOutline {
  lang: 'sv-SE' | 'en-GB'
  title: string
  subtitle: string
  period: string
  headline: Headline[]
  followers: { title: string; points: SeriesPoint[]; from: string; to: string; summary: string }
  posts: { title: string; bars: { label: string; value: number }[]; summary: string }
  sections: { heading: string; paragraphs: string[]; items: string[] }[]
  footer: string
}

const INTL = { sv: 'sv-SE', en: 'en-GB' } as const

export function reportOutline(data: ReportData): ReportOutline {
  const { locale, figures: f } = data
  const sv = locale === 'sv'
  const intl = INTL[locale]
  const n = (v: number) => new Intl.NumberFormat(intl, { maximumFractionDigits: 0 }).format(v)
  const pct = (v: number) =>
    new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 }).format(v)
  const date = (day: string, withYear = false) =>
    new Intl.DateTimeFormat(intl, {
      day: 'numeric',
      month: 'long',
      ...(withYear && { year: 'numeric' }),
      timeZone: 'UTC',
    }).format(new Date(`${day}T12:00:00Z`))
  const monthName = new Intl.DateTimeFormat(intl, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${firstDay(data.month)}T12:00:00Z`))
  const signed = (v: number) => (v > 0 ? `+${n(v)}` : v < 0 ? `−${n(-v)}` : '±0')
  const [first, last] = [firstDay(data.month), lastDay(data.month)]

  const followerChange =
    f.followersEnd !== null && f.followersStart !== null
      ? signed(f.followersEnd - f.followersStart)
      : null
  const headline: Headline[] = [
    {
      label: sv ? 'Följare' : 'Followers',
      value: f.followersEnd === null ? '–' : n(f.followersEnd),
      note:
        f.followersEnd === null
          ? sv
            ? 'inga siffror ännu'
            : 'no figures yet'
          : sv
            ? `${followerChange} under månaden`
            : `${followerChange} in the month`,
    },
    {
      label: sv ? 'Publicerade inlägg' : 'Posts published',
      value: n(f.postsPublished),
      note: data.previous
        ? sv
          ? `förra månaden ${n(data.previous.postsPublished)}`
          : `last month ${n(data.previous.postsPublished)}`
        : '',
    },
    {
      label: sv ? 'Engagemang på inläggen' : 'Engagement on the posts',
      value: n(f.engagements),
      note:
        f.postsPublished > 0
          ? sv
            ? `i snitt ${n(f.engagements / f.postsPublished)} per inlägg`
            : `${n(f.engagements / f.postsPublished)} per post on average`
          : '',
    },
    {
      label: sv ? 'Svar och kommentarer' : 'Replies and comments',
      value: n(f.replies),
      note: sv
        ? `och ${n(f.mentions)} ${f.mentions === 1 ? 'omnämnande' : 'omnämnanden'}`
        : `and ${n(f.mentions)} ${f.mentions === 1 ? 'mention' : 'mentions'}`,
    },
    {
      label: sv ? 'Svarstid (median)' : 'Response time (median)',
      value:
        f.medianResponseMinutes === null ? '–' : shortDuration(f.medianResponseMinutes, locale),
      note:
        f.answered > 0
          ? sv
            ? `${pct(f.answeredWithinTarget / f.answered)} inom svarsmålet`
            : `${pct(f.answeredWithinTarget / f.answered)} within the target`
          : sv
            ? 'inga frågor besvarade'
            : 'no questions answered',
    },
  ]

  const followersSummary =
    data.followers.length === 0
      ? sv
        ? 'Torget har inga följarsiffror för månaden ännu.'
        : 'Torget has no follower figures for the month yet.'
      : sv
        ? `Följare i alla kanaler: ${n(data.followers[0]!.value)} den ${date(data.followers[0]!.day)} och ${n(data.followers.at(-1)!.value)} den ${date(data.followers.at(-1)!.day)}${followerChange ? ` (${followerChange})` : ''}.`
        : `Followers across all channels: ${n(data.followers[0]!.value)} on ${date(data.followers[0]!.day)} and ${n(data.followers.at(-1)!.value)} on ${date(data.followers.at(-1)!.day)}${followerChange ? ` (${followerChange})` : ''}.`

  const weeks = new Map<string, number>()
  for (let day = first; day <= last; day = addDays(day, 1)) weeks.set(isoWeekOf(day), 0)
  for (const p of data.postsByDay) {
    const week = isoWeekOf(p.day)
    weeks.set(week, (weeks.get(week) ?? 0) + p.value)
  }
  const bars = [...weeks].map(([week, value]) => ({
    label: `${sv ? 'v.' : 'wk'} ${Number(week.slice(6))}`,
    value,
  }))

  const best = data.topPosts.map((p) => {
    const text = p.excerpt.replace(/\s+/g, ' ').trim()
    const quoted = `”${text.length > 90 ? `${text.slice(0, 88).trimEnd()}…` : text}”`
    const where = `${isOneOf(NETWORKS, p.network) ? networkName(p.network, locale) : p.network}, ${date(p.date)}`
    const counts = sv
      ? `${n(p.engagements)} engagemang (${n(p.likes)} gilla, ${n(p.reposts)} delningar, ${n(p.replies)} svar, ${n(p.quotes)} citat)`
      : `${n(p.engagements)} engagements (${n(p.likes)} likes, ${n(p.reposts)} shares, ${n(p.replies)} replies, ${n(p.quotes)} quotes)`
    const why = p.why.map((factor) => trait(p, factor, locale))
    const because = why.length
      ? sv
        ? ` Gick bättre än snittet: ${why.join(', ')}.`
        : ` Did better than average: ${why.join(', ')}.`
      : ''
    return `${quoted} – ${where}: ${counts}.${because}`
  })

  const sections: ReportOutline['sections'] = []
  if (data.libraries === undefined) {
    sections.push({
      heading: sv ? 'Det här fungerade bäst' : 'What worked best',
      paragraphs:
        best.length === 0
          ? [
              sv
                ? 'Inget av månadens inlägg fick engagemang som Torget har kunnat läsa.'
                : 'None of the month’s posts got engagement Torget could read.',
            ]
          : [],
      items: best,
    })
    sections.push({
      heading: sv ? 'Målen i strategin' : 'The strategy’s goals',
      paragraphs:
        data.goals.length === 0
          ? [sv ? 'Strategin har inga mål ännu.' : 'The strategy has no goals yet.']
          : [],
      items: data.goals.map((g) => `${g.goal}: ${g.sentence}`),
    })
  }
  sections.push({
    heading: sv ? 'Svarstider' : 'Response times',
    paragraphs: [
      f.answered === 0
        ? sv
          ? 'Inga frågor besvarades under månaden.'
          : 'No questions were answered in the month.'
        : sv
          ? `${n(f.answered)} ${f.answered === 1 ? 'fråga' : 'frågor'} besvarades. Hälften fick svar inom ${duration(f.medianResponseMinutes ?? 0, locale)}, och ${pct(f.answeredWithinTarget / f.answered)} fick svar inom svarsmålet (${data.target}).`
          : `${n(f.answered)} ${f.answered === 1 ? 'question was' : 'questions were'} answered. Half were answered within ${duration(f.medianResponseMinutes ?? 0, locale)}, and ${pct(f.answeredWithinTarget / f.answered)} within the target (${data.target}).`,
    ],
    items: [],
  })

  const created = date(data.createdAt.slice(0, 10), true)
  return {
    lang: sv ? 'sv-SE' : 'en-GB',
    title: sv ? `Sociala medier i ${monthName}` : `Social media in ${monthName}`,
    subtitle:
      data.libraries !== undefined
        ? sv
          ? `${data.name}: ${n(data.libraries)} bibliotek tillsammans`
          : `${data.name}: ${n(data.libraries)} libraries together`
        : sv
          ? `Månadsrapport för ${data.name}`
          : `Monthly report for ${data.name}`,
    period: sv
      ? `Siffrorna gäller ${date(first)}–${date(last, true)}.`
      : `The figures cover ${date(first)}–${date(last, true)}.`,
    headline,
    followers: {
      title: sv ? 'Följare under månaden' : 'Followers over the month',
      points: data.followers,
      from: first,
      to: last,
      summary: followersSummary,
    },
    posts: {
      title: sv ? 'Publicerade inlägg per vecka' : 'Posts published per week',
      bars,
      summary: bars
        .map((b) => `${b.label}: ${n(b.value)}`)
        .join(', ')
        .concat('.'),
    },
    sections,
    footer: sv
      ? `Engagemang är gilla, delningar, svar och citat på månadens inlägg hittills, så som Torget räknar dem på sidan Statistik; ett inlägg i två kanaler räknas två gånger. Svar, kommentarer och omnämnanden är det som kom in under månaden. Bluesky och Mastodon visar inte hur många som såg ett inlägg. Rapporten gjordes av Torget den ${created}.`
      : `Engagement is likes, shares, replies and quotes on the month’s posts so far, counted as on the Statistik page; a post on two channels counts twice. Replies, comments and mentions are what came in during the month. Bluesky and Mastodon do not show how many saw a post. Made by Torget on ${created}.`,
  }
}

/** "2 timmar 10 minuter"; whole hours from ten hours up. */
const TIME_OF_DAY = {
  sv: {
    night: 'publicerat på natten',
    morning: 'publicerat på morgonen',
    midday: 'publicerat mitt på dagen',
    afternoon: 'publicerat på eftermiddagen',
    evening: 'publicerat på kvällen',
  },
  en: {
    night: 'published at night',
    morning: 'published in the morning',
    midday: 'published around midday',
    afternoon: 'published in the afternoon',
    evening: 'published in the evening',
  },
} as const

/** Why a post stood out, in the Statistik page's words. */
function trait(p: RankedPost, factor: PostFactor, locale: Locale): string {
  const sv = locale === 'sv'
  switch (factor) {
    case 'time_of_day':
      return TIME_OF_DAY[locale][p.timeOfDay]
    case 'image':
      return p.hasImage
        ? sv
          ? 'med bild'
          : 'with an image'
        : sv
          ? 'utan bild'
          : 'without an image'
    case 'question':
      return p.hasQuestion
        ? sv
          ? 'ställer en fråga'
          : 'asks a question'
        : sv
          ? 'ingen fråga'
          : 'no question'
    case 'campaign':
      return p.campaign
        ? sv
          ? `i kampanjen ${p.campaign.name}`
          : `in the campaign ${p.campaign.name}`
        : sv
          ? 'utanför kampanjer'
          : 'outside campaigns'
    case 'paid':
      return p.paid
        ? sv
          ? 'betald spridning'
          : 'paid boost'
        : sv
          ? 'ingen betald spridning'
          : 'no paid boost'
  }
}

export function duration(minutes: number, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes))
  const sv = locale === 'sv'
  if (m < 1) return sv ? 'under en minut' : 'under a minute'
  const hours = Math.floor(m / 60)
  const rest = hours >= 10 ? 0 : m % 60
  const h = hours
    ? sv
      ? `${hours} ${hours === 1 ? 'timme' : 'timmar'}`
      : `${hours} ${hours === 1 ? 'hour' : 'hours'}`
    : ''
  const min = rest
    ? sv
      ? `${rest} ${rest === 1 ? 'minut' : 'minuter'}`
      : `${rest} ${rest === 1 ? 'minute' : 'minutes'}`
    : ''
  return [h, min].filter(Boolean).join(' ')
}

/** "2 tim 10 min", for a figure in a small box. */
export function shortDuration(minutes: number, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes))
  const hours = Math.floor(m / 60)
  const rest = hours >= 10 ? 0 : m % 60
  const h = hours ? `${hours} ${locale === 'sv' ? 'tim' : 'h'}` : ''
  const min = rest || !hours ? `${rest} min` : ''
  return [h, min].filter(Boolean).join(' ')
}

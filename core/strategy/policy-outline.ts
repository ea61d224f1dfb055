import type { GuidelinePolicy, RuleConfigs } from '../guidelines/policy.js'
import { describeTarget } from '../inbox/response-time.js'
import type { Locale } from '../locale.js'
import {
  type StrategyDocument,
  type StrategySection,
  strategyDocumentSchema,
} from '../schemas/strategy.js'

/**
 * The policy document as headings, paragraphs and lists: one structure that
 * the web page, the Markdown export and the PDF all render, so the three
 * cannot say different things. Empty fields are left out.
 */
export type PolicyBlock =
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'terms'; items: { term: string; text: string }[] }

export interface PolicySection {
  id: StrategySection
  title: string
  blocks: PolicyBlock[]
}

export interface PolicyMeta {
  libraryName: string
  versionNumber: number
  approvedAt: string
  /** Left out of the public page. */
  approvedBy?: string | undefined
}

const T = {
  sv: {
    title: (name: string) => `Policy för sociala medier – ${name}`,
    meta: (n: number, date: string, by?: string) =>
      `Version ${n}, godkänd ${date}${by ? ` av ${by}` : ''}.`,
    why: 'Varför vi finns i sociala medier',
    strengths: 'Våra styrkor',
    weaknesses: 'Det vi behöver bli bättre på',
    goals: 'Mål',
    target: 'Mål',
    by: 'senast',
    audiences: 'Målgrupper',
    channelsFor: 'Kanaler',
    tone: 'Ton',
    channels: 'Kanalval',
    whyChannel: 'Varför',
    forWhom: 'För vem',
    howOften: 'Hur ofta',
    planning: 'Planering',
    rhythm: 'Rytm',
    peaks: 'Toppar',
    content: 'Innehåll',
    pillars: 'Det vi skriver om',
    recipes: 'Recept',
    responses: 'Så svarar vi',
    responseTime: 'Svarstid',
    answerTarget: 'Svarsmål som inkorgen följer upp',
    whoAnswers: 'Vem svarar',
    escalation: 'När vi lämnar vidare',
    complaints: 'Klagomål',
    threats: 'Hot, hat och kränkningar',
    personalMatters: 'Personliga ärenden',
    measurement: 'Mätning',
    roles: 'Vem gör vad',
    participate: 'Delta',
    respond: 'Svara',
    inform: 'Informera',
    voice: 'Ton och tilltal',
    do: 'Det här gör vi',
    dont: 'Det här gör vi inte',
    examples: 'Exempel',
    guidelines: 'Riktlinjer som kontrolleras i varje inlägg',
    checked: 'Torget kontrollerar varje utkast mot de här reglerna:',
    forbidden: 'Ord vi inte använder',
    instead: 'skriv hellre',
    contacts: 'Kontaktuppgifter vi får publicera',
    audienceRules: 'Läsbarhet per målgrupp',
    lix: (n: number) => `LIX högst ${n}`,
    formal: 'formell, utan slang',
    emojis: (n: number) => `högst ${n} ${n === 1 ? 'emoji' : 'emojier'}`,
    severity: { block: 'stoppar publicering', warn: 'varnar', hint: 'tipsar' },
  },
  en: {
    title: (name: string) => `Social media policy – ${name}`,
    meta: (n: number, date: string, by?: string) =>
      `Version ${n}, approved ${date}${by ? ` by ${by}` : ''}.`,
    why: 'Why we are on social media',
    strengths: 'Our strengths',
    weaknesses: 'What we need to get better at',
    goals: 'Goals',
    target: 'Target',
    by: 'by',
    audiences: 'Audiences',
    channelsFor: 'Channels',
    tone: 'Tone',
    channels: 'Channels',
    whyChannel: 'Why',
    forWhom: 'For whom',
    howOften: 'How often',
    planning: 'Planning',
    rhythm: 'Rhythm',
    peaks: 'Peaks',
    content: 'Content',
    pillars: 'What we write about',
    recipes: 'Recipes',
    responses: 'How we answer',
    responseTime: 'Response time',
    answerTarget: 'Answer target the inbox follows up',
    whoAnswers: 'Who answers',
    escalation: 'When we pass it on',
    complaints: 'Complaints',
    threats: 'Threats, hate and harassment',
    personalMatters: 'Personal matters',
    measurement: 'Measurement',
    roles: 'Who does what',
    participate: 'Take part',
    respond: 'Answer',
    inform: 'Inform',
    voice: 'Voice and tone',
    do: 'We do',
    dont: 'We do not',
    examples: 'Examples',
    guidelines: 'Guidelines checked in every post',
    checked: 'Torget checks every draft against these rules:',
    forbidden: 'Words we do not use',
    instead: 'write instead',
    contacts: 'Contact details we may publish',
    audienceRules: 'Readability per audience',
    lix: (n: number) => `LIX at most ${n}`,
    formal: 'formal, no slang',
    emojis: (n: number) => `at most ${n} ${n === 1 ? 'emoji' : 'emojis'}`,
    severity: { block: 'stops publishing', warn: 'warns', hint: 'gives a tip' },
  },
} as const

type Words = (typeof T)[Locale]

const RULE_TEXT: Record<keyof RuleConfigs, (r: RuleConfigs, l: Locale) => string> = {
  length: (_, l) => (l === 'sv' ? 'Texten ryms i varje kanal' : 'The text fits every channel'),
  'image-alt': (_, l) => (l === 'sv' ? 'Varje bild har en alt-text' : 'Every image has alt text'),
  hashtags: (r, l) =>
    l === 'sv'
      ? `Högst ${r.hashtags.maxCount} hashtaggar, sist i inlägget, med stor bokstav i varje ord`
      : `At most ${r.hashtags.maxCount} hashtags, at the end, with a capital for each word`,
  'emoji-count': (r, l) =>
    l === 'sv'
      ? T.sv.emojis(r['emoji-count'].maxCount).replace(/^h/, 'H')
      : T.en.emojis(r['emoji-count'].maxCount).replace(/^a/, 'A'),
  'url-shortener': (_, l) => (l === 'sv' ? 'Inga förkortade länkar' : 'No shortened links'),
  'bare-url': (_, l) =>
    l === 'sv' ? 'Länkar har en text som säger vart de går' : 'Links say where they go',
  'personal-data': (_, l) =>
    l === 'sv'
      ? 'Inga personuppgifter: personnummer, telefonnummer, e-postadresser'
      : 'No personal data: identity numbers, phone numbers, email addresses',
  'forbidden-words': (_, l) =>
    l === 'sv' ? 'Inga ord från listan nedan' : 'None of the words listed below',
  tone: (_, l) => (l === 'sv' ? 'Tonen passar målgruppen' : 'The tone suits the audience'),
  readability: (r, l) =>
    l === 'sv'
      ? `Lättläst text, meningar på högst ${r.readability.maxSentenceWords} ord`
      : `Plain text, sentences of at most ${r.readability.maxSentenceWords} words`,
  'conversation-starter': (_, l) =>
    l === 'sv' ? 'Inlägg som frågar eller bjuder in' : 'Posts that ask or invite',
  skyltfonster: (r, l) =>
    l === 'sv'
      ? `Högst ${Math.round(r.skyltfonster.maxPromotionalShare * 100)} % av inläggen i varje kanal bara informerar eller gör reklam; resten frågar, bjuder in eller svarar`
      : `At most ${Math.round(r.skyltfonster.maxPromotionalShare * 100)}% of each channel's posts only announce or advertise; the rest ask, invite or answer`,
}

const has = (s: string | null | undefined): s is string => !!s && s.trim() !== ''
const nonEmpty = (items: string[]) => items.filter(has)

function terms(w: Words, pairs: [keyof Words, string][]): PolicyBlock | undefined {
  const items = pairs
    .filter(([, text]) => has(text))
    .map(([key, text]) => ({ term: String(w[key]), text }))
  return items.length ? { kind: 'terms', items } : undefined
}

function guidelineBlocks(g: GuidelinePolicy, w: Words, locale: Locale): PolicyBlock[] {
  const rules = (Object.keys(RULE_TEXT) as (keyof RuleConfigs)[])
    .filter((id) => g.rules[id].enabled)
    .map((id) => `${RULE_TEXT[id](g.rules, locale)} (${w.severity[g.rules[id].severity]})`)
  const blocks: PolicyBlock[] = [
    { kind: 'paragraph', text: w.checked },
    { kind: 'list', items: rules },
  ]
  const forbidden = g.forbiddenWords.map(
    (f) =>
      `${f.phrase}${has(f.instead) ? ` – ${w.instead}: ${f.instead}` : ''}${has(f.reason) ? `. ${f.reason}` : ''}`,
  )
  if (forbidden.length) blocks.push({ kind: 'subheading', text: w.forbidden }, list(forbidden))
  if (g.allowedContacts.length)
    blocks.push({ kind: 'subheading', text: w.contacts }, list(g.allowedContacts))
  blocks.push(
    { kind: 'subheading', text: w.audienceRules },
    list(
      g.audiences.map((a) =>
        [
          `${a.label[locale]}: ${w.lix(a.lixMax)}`,
          ...(a.formal ? [w.formal] : []),
          ...(a.maxEmojis !== null ? [w.emojis(a.maxEmojis)] : []),
        ].join(', '),
      ),
    ),
  )
  return blocks
}

const list = (items: string[]): PolicyBlock => ({ kind: 'list', items })

function formatNumber(n: number, locale: Locale) {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(n)
}

export function policyOutline(doc: StrategyDocument, locale: Locale): PolicySection[] {
  const w = T[locale]
  const sections: PolicySection[] = []
  const add = (id: StrategySection, title: string, blocks: (PolicyBlock | undefined)[]) => {
    const kept = blocks.filter(
      (b): b is PolicyBlock =>
        !!b && (b.kind !== 'list' || b.items.length > 0) && (b.kind !== 'paragraph' || has(b.text)),
    )
    // A subheading with nothing under it says nothing.
    const meaningful = kept.filter(
      (b, i) => b.kind !== 'subheading' || (kept[i + 1] && kept[i + 1]!.kind !== 'subheading'),
    )
    if (meaningful.some((b) => b.kind !== 'subheading'))
      sections.push({ id, title, blocks: meaningful })
  }

  add('why', w.why, [
    { kind: 'paragraph', text: doc.why.mission },
    { kind: 'subheading', text: w.strengths },
    list(nonEmpty(doc.why.strengths)),
    { kind: 'subheading', text: w.weaknesses },
    list(nonEmpty(doc.why.weaknesses)),
  ])
  add('goals', w.goals, [
    list(
      doc.goals
        .filter((g) => has(g.goal))
        .map((g) => {
          const target =
            g.target !== null
              ? `${w.target}: ${formatNumber(g.target, locale)}${has(g.unit) ? ` ${g.unit}` : ''}`
              : ''
          const details = [g.metric, target, g.deadline ? `${w.by} ${g.deadline}` : '']
            .filter(has)
            .join(', ')
          return details ? `${g.goal} (${details})` : g.goal
        }),
    ),
  ])
  add(
    'audiences',
    w.audiences,
    doc.audiences
      .filter((a) => has(a.name))
      .flatMap((a) => [
        { kind: 'subheading', text: a.name } as const,
        { kind: 'paragraph', text: a.description } as const,
        terms(w, [
          ['channelsFor', nonEmpty(a.channels).join(', ')],
          ['tone', a.tone],
        ]),
      ]),
  )
  add(
    'channels',
    w.channels,
    doc.channels
      .filter((c) => has(c.channel))
      .flatMap((c) => [
        { kind: 'subheading', text: c.channel } as const,
        terms(w, [
          ['whyChannel', c.why],
          ['forWhom', c.forWhom],
          ['howOften', c.frequency],
        ]),
      ]),
  )
  add('planning', w.planning, [
    terms(w, [
      ['rhythm', doc.planning.rhythm],
      ['peaks', doc.planning.peaks],
    ]),
  ])
  const named = (items: { name: string; description: string }[]) =>
    items
      .filter((i) => has(i.name))
      .map((i) => (has(i.description) ? `${i.name}: ${i.description}` : i.name))
  add('content', w.content, [
    { kind: 'subheading', text: w.pillars },
    list(named(doc.content.pillars)),
    { kind: 'subheading', text: w.recipes },
    list(named(doc.content.recipes)),
  ])
  const r = doc.responses
  add('responses', w.responses, [
    terms(w, [
      ['responseTime', r.responseTime],
      ['answerTarget', describeTarget(r.target, locale)],
      ['whoAnswers', r.whoAnswers],
      ['escalation', r.escalation],
      ['complaints', r.complaints],
      ['threats', r.threats],
      ['personalMatters', r.personalMatters],
    ]),
  ])
  add('measurement', w.measurement, [
    list(
      doc.measurement.kpis
        .filter((k) => has(k.name))
        .map((k) => [k.name, k.target, k.howOften].filter(has).join(' – ')),
    ),
  ])
  add(
    'roles',
    w.roles,
    doc.roles
      .filter((role) => has(role.who))
      .flatMap((role) => [
        { kind: 'subheading', text: role.who } as const,
        terms(w, [
          ['participate', role.participate],
          ['respond', role.respond],
          ['inform', role.inform],
        ]),
      ]),
  )
  const v = doc.voice
  add('voice', w.voice, [
    {
      kind: 'terms',
      items: v.perAudience
        .filter((p) => has(p.audience) && has(p.voice))
        .map((p) => ({ term: p.audience, text: p.voice })),
    },
    { kind: 'subheading', text: w.do },
    list(nonEmpty(v.do)),
    { kind: 'subheading', text: w.dont },
    list(nonEmpty(v.dont)),
    { kind: 'subheading', text: w.examples },
    list(
      v.examples
        .filter((e) => has(e.text))
        .map((e) => `”${e.text}”${has(e.comment) ? ` – ${e.comment}` : ''}`),
    ),
  ])
  add('guidelines', w.guidelines, guidelineBlocks(doc.guidelines, w, locale))
  return sections.map((s) => ({
    ...s,
    blocks: s.blocks.filter((b) => b.kind !== 'terms' || b.items.length > 0),
  }))
}

export function policyTitle(meta: PolicyMeta, locale: Locale) {
  return T[locale].title(meta.libraryName)
}

export function policyMetaLine(meta: PolicyMeta, locale: Locale) {
  return T[locale].meta(meta.versionNumber, meta.approvedAt.slice(0, 10), meta.approvedBy)
}

// Characters that would turn the library's text into Markdown syntax.
const escapeMarkdown = (text: string) =>
  text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/gm, '$1\\$2$3')

/** The policy as Markdown: headings, paragraphs, lists; the library's text escaped. */
export function policyMarkdown(doc: StrategyDocument, meta: PolicyMeta, locale: Locale): string {
  const out: string[] = [
    `# ${escapeMarkdown(policyTitle(meta, locale))}`,
    '',
    `_${escapeMarkdown(policyMetaLine(meta, locale))}_`,
    '',
  ]
  for (const section of policyOutline(doc, locale)) {
    out.push(`## ${escapeMarkdown(section.title)}`, '')
    for (const block of section.blocks) out.push(...markdownBlock(block), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}

/** The document as Markdown without title and approval line, for comparing versions. */
export function strategyMarkdown(doc: StrategyDocument, locale: Locale): string {
  return policyOutline(doc, locale)
    .flatMap((s) => [`## ${s.title}`, '', ...s.blocks.flatMap((b) => [...markdownBlock(b), ''])])
    .join('\n')
}

/**
 * A policy version as the archive holds it (the document's JSON, as approved) in plain text
 * for reading: headings, paragraphs, lists. Text that is not such a document is given back as
 * it is, since the stored record is what counts.
 */
export function policyPlainText(documentJson: string, locale: Locale): string {
  let parsed
  try {
    parsed = strategyDocumentSchema.safeParse(JSON.parse(documentJson))
  } catch {
    return documentJson
  }
  if (!parsed.success) return documentJson
  return policyOutline(parsed.data, locale)
    .flatMap((section) => [section.title, ...section.blocks.map(plainBlock), ''])
    .join('\n')
    .trimEnd()
}

function plainBlock(block: PolicyBlock): string {
  switch (block.kind) {
    case 'subheading':
    case 'paragraph':
      return block.text
    case 'list':
      return block.items.map((item) => `– ${item}`).join('\n')
    case 'terms':
      return block.items.map((item) => `– ${item.term}: ${item.text}`).join('\n')
  }
}

function markdownBlock(block: PolicyBlock): string[] {
  const flat = (s: string) => escapeMarkdown(s).replace(/\s*\n\s*/g, ' ')
  switch (block.kind) {
    case 'subheading':
      return [`### ${flat(block.text)}`]
    case 'paragraph':
      return [
        block.text
          .split(/\n{2,}/)
          .map(flat)
          .join('\n\n'),
      ]
    case 'list':
      return block.items.map((item) => `- ${flat(item)}`)
    case 'terms':
      return block.items.map((item) => `- **${flat(item.term)}:** ${flat(item.text)}`)
  }
}

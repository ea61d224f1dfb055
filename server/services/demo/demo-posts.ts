import type { Role } from '../../../core/roles.js'
import type { DemoContext, DemoTimeline } from './demo-context.js'

/**
 * Where a scripted post ends up. `returned` is a draft sent back with a note
 * (changes requested); `withdrawn` went out and was taken off the channel the
 * next day. Approving needs a channel to check the text against, and
 * `published`, `failed` and `withdrawn` need a channel that has taken the post.
 */
export type DemoPostState =
  | 'draft'
  | 'in_review'
  | 'returned'
  | 'approved'
  | 'scheduled'
  | 'published'
  | 'failed'
  | 'withdrawn'

export interface DemoPost {
  /** The week relative to this one (−1 last week) and the ISO weekday. */
  week: number
  weekday: number
  time: string
  author: Role
  text: string
  state: DemoPostState
  audience?: string
  tags?: string[]
  /** Sent back with this note. */
  note?: string
  comments?: [Role, string][]
}

const QUESTIONS = [
  'Vilken bok har du läst om flest gånger? Berätta i kommentarerna!',
  'Ljudbok, e-bok eller pappersbok – hur läser du helst på bussen?',
  'Vilken bok skulle du ge till någon som säger att de inte gillar att läsa?',
  'Vad ska vi ha på bokbordet i entrén nästa månad? Ge oss ett tema!',
  'Vilken barnbok minns du fortfarande från när du var liten?',
  'Deckare i mörkret eller feelgood under filten – vad läser du i november?',
  'Har du en bok som gjorde dig arg? Vi är nyfikna på varför.',
  'Vilken film var bättre än boken? Eller är boken alltid bäst?',
  'Vad läser du just nu? Vi samlar era tips till en lista på webben.',
  'Vilken författare skulle du vilja träffa på biblioteket?',
  'Läser du samma bok som någon annan i familjen? Berätta hur det går!',
  'Vilken bok vill du ha i julklapp i år?',
  'Vad borde fler veta att man kan låna på biblioteket? (Tips: inte bara böcker.)',
]

const WEEKLY_BOOKS = [
  'Veckans mest lånade bok är "Kastanjemannen" av Søren Sveistrup. Spänning för mörka kvällar – men det finns en kö, så ställ dig i den i dag. #VeckansBok',
  'Veckans bok: "Lyckliga gatan" av Jonas Gardell. Många har lånat den efter författarbesöket. Har du läst den? #VeckansBok',
  'Veckans mest lånade är "Pippi Långstrump" – igen! Sagostunden har gjort Pippi populär bland de minsta. #VeckansBok',
  'Veckans bok: "Den svavelgula himlen" av Kjell Westö. En lång roman för den som vill försvinna en helg. #VeckansBok',
  'Veckans mest lånade bok är en kokbok: "Vardagsmat för alla". Vad lagar du när det är mörkt ute? #VeckansBok',
  'Veckans bok: "Glasskåpet" av Elin Cullhed. Personalens favorit den här hösten. #VeckansBok',
  'Veckans mest lånade: "Fåglar i Sverige". Fågelholkarna vid entrén har fått många att börja titta uppåt. #VeckansBok',
  'Veckans bok: "Mödrar och söner" av Theodor Kallifatides. Kort, klok och lätt att läsa på en kväll. #VeckansBok',
  'Veckans mest lånade bok är "Vinterboken" av Tove Jansson. Passar perfekt till första snön. #VeckansBok',
]

const PROGRAMME = [
  'Sagostund på onsdag kl. 10 i barnavdelningen. Vi läser om björnar som ska sova hela vintern. Ingen anmälan, bara kom!',
  'På torsdag är det språkcafé kl. 17. Öva svenska över en kopp kaffe – alla nivåer är välkomna.',
  'Nu har vi fått in 40 nya deckare. Du hittar dem på hyllan vid fönstret. Vilken vill du låna först?',
  'Behöver du hjälp med BankID eller Mina sidor? Kom till datortorget på tisdag kl. 13–15.',
  'Visste du att du kan låna e-böcker och ljudböcker i appen med ditt lånekort? Vi visar hur vid disken.',
  'Bakom kulisserna: så här ser det ut när vi packar 300 böcker till skolorna varje vecka.',
  'Författarbesök: Maria Lind kommer till hörsalen och pratar om sin nya roman. Fri entré.',
  'Vi har förlängt öppettiderna på lördagar: nu har vi öppet 10–16 hela vintern.',
  'Tack till alla som kom på författarbesöket! Maria Linds böcker finns att låna – och att reservera.',
]

/** A week's rhythm: a question on Monday, the programme on Wednesday, the week's book on Friday. */
export function demoPosts(): DemoPost[] {
  const posts: DemoPost[] = []
  for (let week = -8; week <= 4; week++) {
    const i = week + 8
    const past = week < 0
    posts.push({
      week,
      weekday: 1,
      time: '09:00',
      author: week % 2 === 0 ? 'writer' : 'editor',
      text: QUESTIONS[i]!,
      state: past ? 'published' : week === 0 ? 'published' : week === 1 ? 'approved' : 'draft',
      tags: ['Veckans fråga'],
    })
    posts.push({
      week,
      weekday: 3,
      time: '12:00',
      author: week % 2 === 0 ? 'editor' : 'writer',
      text: PROGRAMME[i % PROGRAMME.length]!,
      state: past ? (week === -3 ? 'failed' : 'published') : week <= 1 ? 'scheduled' : 'draft',
      audience: i % 3 === 0 ? 'allmanhet' : undefined,
    })
    if (week <= 0)
      posts.push({
        week,
        weekday: 5,
        time: '10:00',
        author: 'writer',
        text: WEEKLY_BOOKS[i % WEEKLY_BOOKS.length]!,
        state: past ? 'published' : 'scheduled',
        tags: ['Veckans bok'],
      })
  }
  // The work in progress a newcomer should find: something to review, something sent back.
  posts.push(
    {
      week: 0,
      weekday: 4,
      time: '15:00',
      author: 'writer',
      text: 'Nu kan du låna cyklar – nej, skämt! Men du kan låna symaskin, projektor och stickor hos oss. Vad mer borde vi låna ut?',
      state: 'in_review',
      tags: ['Låna annat'],
      comments: [
        ['writer', 'Jag är osäker på skämtet i början. Funkar det, @Rasmus Redaktör?'],
        ['responder', 'Vid disken frågar många om symaskinen, så bra att den kommer med!'],
      ],
    },
    {
      week: 1,
      weekday: 2,
      time: '11:00',
      author: 'writer',
      text: 'BIBLIOTEKET HAR ÖPPET I MELLANDAGARNA!!! Kolla tiderna på webben',
      state: 'returned',
      note: 'Bra att vi säger det tidigt! Men skriv inte med versaler och bara ett utropstecken – och skriv ut tiderna direkt i inlägget. Se Ton och tilltal i policyn.',
      comments: [['writer', 'Oj, ja. Jag skriver om det i morgon.']],
    },
    {
      week: 1,
      weekday: 4,
      time: '14:00',
      author: 'editor',
      text: 'Har du en fråga om källkritik? Ställ den här så svarar våra bibliotekarier i ett inlägg nästa vecka. #Källkritik',
      state: 'in_review',
      audience: 'unga',
      comments: [['admin', 'Fint! Kan vi också nämna skolbiblioteken?']],
    },
    {
      week: 2,
      weekday: 2,
      time: '10:00',
      author: 'writer',
      text: 'Vi söker dig som vill läsa högt för barn på lördagar. Intresserad? Prata med oss i barnavdelningen.',
      state: 'in_review',
      comments: [['editor', 'Ska vi skriva vilka lördagar det gäller?']],
    },
    {
      week: -2,
      weekday: 2,
      time: '16:00',
      author: 'writer',
      text: 'Bokbussen står på Stortorget på lördag kl. 10–13. Välkommen att låna och lämna!',
      state: 'withdrawn',
    },
    {
      week: -1,
      weekday: 4,
      time: '13:00',
      author: 'writer',
      text: 'Ett år med Läsfrämjande lyftet: 1 200 barn har fått en bok av oss. Tack alla skolor som var med!',
      state: 'returned',
      audience: 'formell',
      note: 'Siffran behöver kollas med barnbibliotekarien innan vi skickar den.',
    },
  )
  return posts
}

/** What the demo cannot make until the library has a channel that reaches no one (the practice channel). */
const NEEDS_CHANNEL: readonly DemoPostState[] = [
  'approved',
  'scheduled',
  'published',
  'failed',
  'withdrawn',
]
const HOUR = 3_600_000
const DAY = 24 * HOUR
/** The withdrawn post is taken off the morning after it went out (the bokbuss was at the garage). */
const WITHDRAWN_AFTER = 18 * HOUR

/** A scripted post placed on this calendar: its slot, and where it stands today. */
export interface PlacedPost extends DemoPost {
  plannedAt: Date
  /** The script's state as of today: a slot gone by went out; one ahead waits scheduled. */
  stateNow: DemoPostState
}

export function placeDemoPosts(ctx: Pick<DemoContext, 'at' | 'weekday' | 'now'>): PlacedPost[] {
  return demoPosts()
    .map((entry) => {
      const plannedAt = ctx.at(ctx.weekday(entry.week, entry.weekday), entry.time)
      const past = plannedAt <= ctx.now
      const goesOut = entry.state === 'scheduled' || entry.state === 'published'
      const stateNow: DemoPostState =
        past && goesOut
          ? 'published'
          : !past && entry.state !== 'failed' && goesOut
            ? 'scheduled'
            : entry.state
      return { ...entry, plannedAt, stateNow }
    })
    .sort((a, b) => a.plannedAt.getTime() - b.plannedAt.getTime())
}

/**
 * Writes the script through the post, approval and comment services, each
 * step by the member who would take it, at the time they would take it: written
 * four days before its slot, sent for review the next day, approved and
 * scheduled two days before (never later than a few minutes before today, nor
 * before `notBefore`). A slot gone by is published by the publishing loop,
 * which only the part that brings the channel runs: without it (`publishes`
 * false) such posts are left out, as are posts that need a channel the
 * library does not have. Returns how many were left out.
 */
export function seedPosts(
  ctx: DemoContext,
  timeline: DemoTimeline,
  options: { publishes: boolean; notBefore: Date },
): { deferred: number } {
  const { posts, approval, comments } = ctx.services
  let deferred = 0
  const placed = placeDemoPosts(ctx)
  placed.forEach((entry, i) => {
    const state = entry.stateNow
    const goesOut = state === 'published' || state === 'failed' || state === 'withdrawn'
    if (
      (goesOut && !options.publishes) ||
      (NEEDS_CHANNEL.includes(state) && ctx.channelIds.length === 0)
    ) {
      deferred++
      return
    }
    // Work on posts still ahead happened over the last days, in the order of their slots.
    const latest = ctx.now.getTime() - (placed.length - i) * 10 * 60_000
    const when = (before: number) =>
      new Date(
        Math.max(
          options.notBefore.getTime(),
          Math.min(entry.plannedAt.getTime() - before, latest + (4 * DAY - before) / DAY),
        ),
      )
    let post: Awaited<ReturnType<typeof posts.create>>
    timeline.on(when(4 * DAY), async () => {
      post = await posts.create(await ctx.as(entry.author, 'posts.write'), {
        text: entry.text,
        variants: {},
        channelIds: ctx.channelIds,
        plannedAt: entry.plannedAt.toISOString(),
        audience: entry.audience ?? null,
        tags: entry.tags ?? [],
      })
    })
    ;(entry.comments ?? []).forEach(([role, text], n) =>
      timeline.on(when(4 * DAY - (n + 1) * HOUR), async () => {
        await comments.add(await ctx.as(role, 'posts.comment'), post.id, text)
      }),
    )
    if (state === 'draft') return
    timeline.on(when(3 * DAY), async () => {
      post = await approval.submit(await ctx.as(entry.author, 'posts.write'), post.id, {
        version: post.version,
      })
    })
    if (state === 'in_review') return
    // A colleague approves: the Redaktör a Skribent's post, the Ansvarig the Redaktör's.
    const approver = entry.author === 'editor' ? 'admin' : 'editor'
    timeline.on(when(2 * DAY), async () => {
      const access = await ctx.as(approver, 'posts.approve')
      if (state === 'returned')
        await approval.returnToDraft(access, post.id, { version: post.version, note: entry.note })
      else post = await approval.approve(access, post.id, { version: post.version })
    })
    if (state === 'returned' || state === 'approved') return
    timeline.on(when(2 * DAY - HOUR), async () => {
      post = await posts.schedule(
        await ctx.as('editor', 'posts.publish'),
        post.id,
        entry.plannedAt,
        post.version,
      )
    })
    if (state !== 'withdrawn') return
    timeline.on(new Date(entry.plannedAt.getTime() + WITHDRAWN_AFTER), async () => {
      const editor = await ctx.as('editor', 'posts.write')
      await posts.remove(editor, post.id)
      // What the worker's withdraw job then does with each of its publications.
      for (const p of (await posts.get(editor, post.id)).publications)
        if (p.state === 'deleting') await ctx.services.publishing.withdraw(ctx.libraryId, p.id)
    })
  })
  return { deferred }
}

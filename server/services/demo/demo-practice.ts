import type { Role } from '../../../core/roles.js'
import type { CurrentUser } from '../auth-service.js'
import { NEWCOMER } from './demo-members.js'
import { type DemoContext, type DemoTimeline, demoTimeline } from './demo-context.js'
import { placeDemoPosts, seedPosts } from './demo-posts.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Conversations on posts younger than this are still waiting in Inkorg today. */
const LEFT_OPEN_MS = 3 * DAY

/** Who answers the personas, week by week: the Skribent and the Redaktör each take a week to learn. */
function answererIn(week: number): Role {
  return week === -7 ? 'writer' : week === -6 ? 'editor' : 'responder'
}

/**
 * How the library answers each of the personas' lines, as its policy asks:
 * a question answered, a complaint met calmly, a personal matter moved to e-mail.
 */
const ANSWERS: Record<string, string> = {
  'Hej! Har ni lättlästa':
    'Hej Maja! Ja, hyllan med lättlästa böcker för vuxna står vid entrén. Du reserverar dem i appen under Sök, precis som andra böcker.',
  'Vad roligt! Är det här': 'Hej! Det är öppet för alla och du behöver inte anmäla dig. Välkommen!',
  'Hur länge får man låna e-böcker':
    'Hej Maja! E-böcker lånar du i tre veckor, och sedan lämnas de tillbaka av sig själva.',
  'Tredje gången den här månaden':
    'Hej Bengt, vad tråkigt – tack för att du säger till. Vi har felanmält automaten, och i väntan på lagning hjälper vi dig gärna vid disken.',
  'Det är alldeles för stökigt':
    'Tack Bengt, det ska vara lugnt i tidningshörnan. Vi pratar med dem som är där och ser över eftermiddagarna.',
  'Ni har kortat öppettiderna':
    'Hej Bengt! Du har rätt i att vi borde ha sagt det tydligare. Öppettiderna finns på webben, och vi sätter upp dem vid entrén också.',
  'Jag har fått ett krav':
    'Hej Sara! Det vill vi gärna reda ut, men inte här där alla ser. Mejla oss på info@exempelbiblioteket.se så tittar vi på ditt lånekort.',
  'Min son har tappat':
    'Hej Sara! Ring oss på bibliotekets vanliga nummer så spärrar vi kortet direkt och går igenom lånen tillsammans.',
  'Jag flyttar snart':
    'Hej Sara! Mejla din nya adress till info@exempelbiblioteket.se så ändrar vi det åt dig.',
}

function answerTo(text: string): string {
  const found = Object.entries(ANSWERS).find(([start]) => text.startsWith(start))
  return found?.[1] ?? 'Tack för att du skrev! Vi återkommer.'
}

/**
 * Övningskanalen and the three months on it, told through the services on a
 * clock that walks from the first week to today: the policy confirmed, the
 * channel turned on, the weekly posts written, approved and published, the
 * personas' questions, complaints and personal matters answered (the last
 * days' left waiting in Inkorg), the counts read daily, a newcomer who joins
 * and has not started, and one publication that failed because Övningskanalen
 * was turned off for a quarter of an hour before it.
 */
export async function seedPractice(ctx: DemoContext): Promise<void> {
  const { services } = ctx
  const timeline = demoTimeline(ctx.clock)
  const start = ctx.clock.now()
  const opened = new Date(start.getTime() + DAY)
  let channelId = ''

  // Everyone but the Läsare confirms the policy during the first weeks.
  const confirmations: [Role, number][] = [
    ['admin', 2 * HOUR],
    ['editor', DAY + 3 * HOUR],
    ['responder', 2 * DAY + 5 * HOUR],
    ['writer', 7 * DAY],
  ]
  for (const [role, after] of confirmations)
    timeline.on(new Date(start.getTime() + after), async () => {
      const access = await ctx.as(role, 'strategy.read')
      const current = await services.policy.view(access)
      if (current) await services.policy.confirmRead(access, current.version.id)
    })

  timeline.on(opened, async () => {
    const channel = await services.path.enablePractice(await ctx.as('admin', 'channels.manage'))
    channelId = channel.id
    ctx.channelIds = [channel.id]
  })
  // The plan is written for Övningskanalen, whose id is known once the step above has run.
  ctx.channelIds = ['not yet']
  seedPosts(ctx, timeline, { publishes: true, notBefore: new Date(opened.getTime() + HOUR) })

  const worker = workerSteps(ctx, () => channelId)
  for (let at = opened.getTime() + 7 * HOUR; at < ctx.now.getTime(); at += DAY)
    timeline.on(new Date(at), () => worker.daily())
  for (const post of placeDemoPosts(ctx)) {
    if (post.plannedAt > ctx.now) continue
    const at = post.plannedAt.getTime()
    if (post.stateNow === 'published' || post.stateNow === 'withdrawn') {
      // Its counts are read by the next morning's round, as a day's samples are.
      timeline.on(post.plannedAt, () => worker.publish())
      if (ctx.now.getTime() - at > LEFT_OPEN_MS)
        timeline.on(new Date(at + 2 * HOUR), () => worker.answer(answererIn(post.week)))
    }
    if (post.stateNow === 'failed') {
      // Before lunch the Ansvarig turns Övningskanalen off and, a quarter of an hour later, on
      // again: the post waiting on it fails (the week's later ones are scheduled after).
      timeline.on(new Date(at - 80 * 60_000), async () => {
        await services.channels.remove(await ctx.as('admin', 'channels.manage'), channelId)
      })
      timeline.on(new Date(at - 65 * 60_000), async () => {
        await services.path.enablePractice(await ctx.as('admin', 'channels.manage'))
      })
    }
  }

  seedNewcomer(ctx, timeline)
  await timeline.run()
  ctx.clock.set(ctx.now)
  await worker.settle()
  // What the hourly sweep would say on the first start: the newcomer has not begun.
  await services.path.remindStuck({ libraryId: ctx.libraryId })
}

/** A writer who joined ten days ago and has not taken the path's first step: the reminders' case. */
function seedNewcomer(ctx: DemoContext, timeline: DemoTimeline) {
  const { invitations, path } = ctx.services
  const joined = ctx.at(ctx.day(-10), '09:00')
  let token = ''
  timeline.on(joined, async () => {
    const invited = await invitations.create(await ctx.as('admin', 'invitations.manage'), {
      role: 'writer',
      email: NEWCOMER.email,
    })
    token = invited.url.split('/').at(-1)!
  })
  timeline.on(new Date(joined.getTime() + 4 * HOUR), async () => {
    // Her account is made with the others' (so `--reset` gives it the demo password again).
    const user = (await ctx.services.store.repos.users.findByEmail(NEWCOMER.email))!
    // Joining reads only who she is: her id and address.
    const who = { id: user.id, email: user.email } as CurrentUser
    ctx.newcomers.writer = await invitations.accept(token, { user: who })
  })
  timeline.on(new Date(joined.getTime() + 6 * HOUR), async () => {
    await path.inviteAll(await ctx.as('admin', 'path.manage'))
  })
}

/** Publications the worker claims at once. */
const BATCH = 25

/** What Torget's worker does, run by the story at its own times. */
function workerSteps(ctx: DemoContext, channelId: () => string) {
  const { publishing, ingest, metrics, inbox, replies } = ctx.services

  /** Publishes what is due; then reads what the personas did in answer, unless told it is nothing. */
  async function publish(read = true) {
    // On the demo's clock nothing falls due while a round runs: a round that took fewer than it
    // could and brought nothing forward leaves nothing behind.
    for (let more = true; more;) {
      const batch = await publishing.claimDue(BATCH)
      if (batch.length === 0) break
      const { ready, decided } = await publishing.prepare(batch)
      const results = [...decided]
      for (const attempt of ready)
        results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
      const { broughtForward } = await publishing.record(results)
      more = batch.length === BATCH || broughtForward > 0
    }
    if (read) await ingest.readChannel(ctx.libraryId, channelId())
  }

  let enrolled = false

  return {
    publish: () => publish(),
    /** The morning round: the channel's own counts for the day, and the posts' counts due. */
    async daily() {
      if (!enrolled) await metrics.enrollChannels()
      enrolled = true
      await metrics.sampleAccountsDue(10)
      await metrics.samplePostsDue(200)
    },
    /** The persona comments waiting in Inkorg, each answered as the policy asks. */
    async answer(role: Role) {
      const access = await ctx.as(role, 'practice.answer')
      const reader = await ctx.as(role, 'inbox.read')
      const { items } = await inbox.list(reader, { channel: channelId(), state: 'new', limit: 20 })
      for (const item of items)
        await replies.reply(access, item.id, { text: answerTo(item.text), version: item.version })
      // An answer on Övningskanalen draws no reactions: nothing new to read.
      await publish(false)
    },
    /** What the worker would catch up on at start: the rollups and the ladder, as of today. */
    async settle() {
      await ctx.services.rollups.catchUp()
      await ctx.services.ladder.catchUp()
      await ctx.services.ladder.rebuild(ctx.libraryId)
    },
  }
}

import { DEFAULT_PLAN_SLOTS } from '../../../core/planning/peak-plan.js'
import type { Role } from '../../../core/roles.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { DEMO_TIME_ZONE, type DemoContext } from './demo-context.js'
import { BOKFESTIVAL_UID } from './demo-events.js'

/** What the writers have made of some of the plan's starter texts so far, by the slot's day. */
const WRITTEN: Record<
  number,
  { text: string; then: 'in_review' | 'returned' | 'draft'; note?: string }
> = {
  [-14]: {
    text: 'Om två veckor är det Bokfestival! Författarsamtal, bokloppis och pyssel för barnen. Vad ser du mest fram emot? #Bokfestival',
    then: 'in_review',
  },
  [-7]: {
    text: 'En vecka kvar till Bokfestivalen. Lämna dina gamla böcker till bokloppisen senast på torsdag – vi tar emot vid disken. #Bokfestival',
    then: 'returned',
    note: 'Skriv vilken tid vi tar emot böckerna, så slipper Svararen få samma fråga tio gånger.',
  },
  [-2]: {
    text: 'I övermorgon är det Bokfestival! Vem tar du med dig? Tagga någon som inte får missa Maria Linds samtal kl. 13.',
    then: 'draft',
  },
}

/**
 * Bokfestivalen, under way: the campaign around the festival in the imported
 * programme, Torget's own peak plan applied to it, and the first slots written.
 */
export async function seedCampaign(ctx: DemoContext): Promise<void> {
  const { campaigns, events, posts, approval } = ctx.services
  const reader = await ctx.as('editor', 'events.read')
  const festival = (await events.list(reader, { from: ctx.now.toISOString() })).find(
    (e) => e.uid === BOKFESTIVAL_UID,
  )
  if (!festival) throw new Error('The demo calendar has no Bokfestival')
  const manager = await ctx.as('editor', 'campaigns.manage')
  const campaign = await campaigns.create(manager, {
    name: 'Bokfestivalen',
    goal: 'Fler besökare på festivaldagen än förra året, och 50 böcker till bokloppisen.',
    audience: 'allmanhet',
    channelIds: ctx.channelIds,
    peakDate: utcToZoned(festival.startsAt, DEMO_TIME_ZONE).date,
    peakTime: '10:00',
    eventId: festival.id,
  })
  const planned = await campaigns.applyPlan(manager, campaign.id, {
    slots: DEFAULT_PLAN_SLOTS.map((slot) => ({
      offsetDays: slot.offsetDays,
      time: slot.time,
      purpose: slot.purpose,
      channelIds: ctx.channelIds,
      text: slot.text,
      assigneeId: null,
    })),
    rotation: [ctx.members.writer, ctx.members.editor],
  })
  const roleOf = new Map(
    Object.entries(ctx.members).map(([role, userId]) => [userId, role as Role]),
  )
  const editor = await ctx.as('editor', 'posts.approve')
  for (const slot of planned.slots) {
    const written = WRITTEN[slot.offsetDays]
    const post = planned.posts.find((p) => p.id === slot.postId)
    if (!written || !post) continue
    const writer = await ctx.as(roleOf.get(post.assigneeId ?? '') ?? 'editor', 'posts.write')
    let updated = await posts.update(writer, post.id, { version: post.version, text: written.text })
    if (written.then === 'draft') continue
    updated = await approval.submit(writer, post.id, { version: updated.version })
    if (written.then === 'returned')
      await approval.returnToDraft(editor, post.id, {
        version: updated.version,
        note: written.note,
      })
  }
}

/** The week's book in turns, and next week's draft, as the weekly job would make it. */
export async function seedRecurring(ctx: DemoContext): Promise<void> {
  const { recurringSlots } = ctx.services
  const manager = await ctx.as('editor', 'recurring.manage')
  const weeklyBook = await recurringSlots.create(manager, {
    name: 'Veckans bok',
    weekday: 5,
    time: '10:00',
    channelIds: ctx.channelIds,
    prompt:
      'Veckans mest lånade bok är … Skriv en mening om varför så många vill läsa den. #VeckansBok',
    audience: 'allmanhet',
    memberIds: [ctx.members.writer, ctx.members.editor],
    active: true,
  })
  await recurringSlots.createWeeklyDraft(ctx.libraryId, weeklyBook.id, weeklyBook.next.week)
}

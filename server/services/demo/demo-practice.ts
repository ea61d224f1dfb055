import type { DemoContext } from './demo-context.js'

/**
 * Övningskanalen turned on by the Ansvarig: the demo's plan can then be
 * approved and scheduled on a channel that reaches no one, and two practice
 * posts by the Skribent go out at once, so the personas' question, complaint
 * and personal matter wait in Inkorg and Statistik has its first figures.
 */
export async function seedPractice(ctx: DemoContext): Promise<void> {
  const { path, posts } = ctx.services
  const channel = await path.enablePractice(await ctx.as('admin', 'channels.manage'))
  ctx.channelIds = [channel.id]
  const writer = await ctx.as('writer', 'posts.write')
  const publisher = await ctx.as('writer', 'practice.publish')
  for (const text of PRACTICE_POSTS) {
    const draft = await posts.create(writer, {
      text,
      variants: {},
      channelIds: [channel.id],
      plannedAt: null,
      audience: null,
      tags: [],
    })
    await posts.schedule(publisher, draft.id, ctx.now, draft.version)
  }
}

const PRACTICE_POSTS = [
  'Sagostund i barnavdelningen på lördag klockan 11! Vilken bok tycker ni att vi ska läsa?',
  'Nu finns årets julklappstips från personalen på hyllan vid entrén. Vad läser du helst i jul?',
]

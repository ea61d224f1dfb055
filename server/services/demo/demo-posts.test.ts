import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../../test/databases.js'
import { type TestApp, createTestApp } from '../../test/harness.js'
import { loopbackNetwork } from '../../test/loopback-adapter.js'
import { authorize } from '../access.js'
import { demoContext, demoTimeline } from './demo-context.js'
import { demoPosts, placeDemoPosts, seedPosts } from './demo-posts.js'
import { DEMO_MEMBERS, seedDemo } from './demo-seed.js'

// The part that brings a channel reaching no one (the practice channel) is built elsewhere; a
// loopback network stands in for it here, and the worker never runs, so nothing is sent.
describe.each(await availableDialects())(
  'the demo plan once the library has a channel on %s',
  (dialect) => {
    let app: TestApp
    const net = loopbackNetwork()

    beforeAll(async () => {
      app = await createTestApp(dialect, {}, { adapters: { bluesky: net.adapter } })
    })
    afterAll(async () => app?.close())

    it('also approves and schedules the coming posts, and still leaves publishing to the channel', async () => {
      const { services } = app.torget
      const { libraryId } = await seedDemo(app.torget, { content: 'members' })
      const members = Object.fromEntries(
        await Promise.all(
          DEMO_MEMBERS.map(
            async (m) =>
              [m.role, (await services.store.repos.users.findByEmail(m.email))!.id] as const,
          ),
        ),
      ) as Parameters<typeof demoContext>[0]['members']
      const admin = await authorize(
        services.store.repos,
        members.admin,
        libraryId,
        'channels.manage',
      )
      const channel = await services.channels.connect(admin, 'bluesky', {
        identifier: 'ovning.test',
        appPassword: 'abcd-efgh-ijkl',
      })
      const now = new Date()
      const ctx = {
        ...demoContext({ services, libraryId, members, now }),
        channelIds: [channel.id],
      }
      const timeline = demoTimeline(ctx.clock)
      const { deferred } = seedPosts(ctx, timeline, {
        publishes: false,
        notBefore: new Date(now.getTime() - 60 * 86_400_000),
      })
      await timeline.run()

      const reader = await authorize(services.store.repos, members.reader, libraryId, 'posts.read')
      const states = (await services.posts.list(reader, undefined)).map((p) => p.state)
      const count = (s: string) => states.filter((x) => x === s).length
      expect(count('approved')).toBeGreaterThanOrEqual(1)
      expect(count('scheduled')).toBeGreaterThanOrEqual(1)
      expect(count('in_review')).toBeGreaterThanOrEqual(2)
      expect(count('draft')).toBeGreaterThanOrEqual(5)
      const script = demoPosts()
      expect(states.length + deferred).toBe(script.length)
      // Past slots would be published, failed or withdrawn: that needs the publishing loop on the channel.
      expect(deferred).toBe(
        placeDemoPosts(ctx).filter((p) => ['published', 'failed', 'withdrawn'].includes(p.stateNow))
          .length,
      )
      expect(net.posts.size).toBe(0)
    })
  },
)

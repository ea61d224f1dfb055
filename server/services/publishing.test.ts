import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shiftedClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (ok(v)) return v
    if (Date.now() > end)
      throw new Error(`condition not met in ${ms} ms; last: ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.each(await availableDialects())('publishing on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let channelId: string
  const net = loopbackNetwork()
  const clock = shiftedClock()
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    app = await createTestApp(
      dialect,
      {},
      { adapters: { bluesky: net.adapter }, publishRetryBaseMs: 200, clock },
    )
    await app.torget.startWorker()
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    const channel = await admin.post(`${base()}/channels/bluesky`, {
      identifier: 'stadsbiblioteket.test',
      appPassword: 'abcd-efgh-ijkl',
    })
    expect(channel.status).toBe(201)
    channelId = channel.body.id
  })
  afterAll(async () => app?.close())

  const draft = async (text: string) => {
    const res = await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })
    expect(res.status).toBe(201)
    return res.body
  }
  const schedule = (post: { id: string; version: number }, at: Date) =>
    admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: at.toISOString(),
      version: post.version,
    })
  const get = (id: string) => admin.get(`${base()}/posts/${id}`).then((r) => r.body)

  it('connects a channel without ever showing its credentials', async () => {
    const list = await admin.get(`${base()}/channels`)
    expect(list.body).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain('secret-token')
    expect(list.body[0]).toMatchObject({
      network: 'bluesky',
      handle: 'stadsbiblioteket.test',
      health: 'ok',
    })
    const wrong = await admin.post(`${base()}/channels/bluesky`, {
      identifier: 'x.test',
      appPassword: 'wrong',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.message).toContain(
      'Bluesky godtog inte användarnamnet och applösenordet',
    )
  })

  it('publishes a scheduled post at its time, once', async () => {
    const post = await draft('Sagostund på lördag kl. 11!')
    const at = new Date(Date.now() + 2000)
    const scheduled = await schedule(post, at)
    expect(scheduled.status).toBe(200)
    expect(scheduled.body.state).toBe('scheduled')
    expect(net.posts.has(scheduled.body.publications[0].id)).toBe(false)
    const done = await until(
      () => get(post.id),
      (p) => p.state === 'published',
    )
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime())
    expect(done.publications[0]).toMatchObject({
      state: 'published',
      url: expect.stringContaining('https://loop.test/'),
      attempts: 1,
    })
    expect(net.duplicates).toBe(0)
  })

  it('retries transient failures with backoff, and publishes once', async () => {
    net.failNext(
      { kind: 'transient', code: 'server_error' },
      { kind: 'transient', code: 'rate_limited', retryAfterMs: 300 },
    )
    const post = await draft('Bokcirkeln träffas på tisdag.')
    await schedule(post, new Date())
    const done = await until(
      () => get(post.id),
      (p) => p.state === 'published',
    )
    expect(done.publications[0].attempts).toBe(3)
    expect(net.duplicates).toBe(0)
  })

  it('asks the network before retrying when an answer was lost, and does not post twice', async () => {
    net.failNext({ kind: 'lost-answer' })
    const post = await draft('Läxhjälp varje onsdag.')
    await schedule(post, new Date())
    const done = await until(
      () => get(post.id),
      (p) => p.state === 'published',
    )
    const publicationId = done.publications[0].id
    expect(net.calls.filter((c) => c.endsWith(publicationId))).toEqual([
      `publish:${publicationId}`,
      `lookup:${publicationId}`,
    ])
    expect(net.duplicates).toBe(0)
  })

  it('stops on a permanent failure, says why, and marks a revoked channel for reconnection', async () => {
    net.failNext({ kind: 'permanent', code: 'auth_revoked' })
    const post = await draft('Språkcafé på torsdag.')
    await schedule(post, new Date())
    const failed = await until(
      () => get(post.id),
      (p) => p.state === 'failed',
    )
    expect(failed.publications[0]).toMatchObject({
      state: 'failed',
      errorKind: 'permanent',
      errorCode: 'auth_revoked',
    })
    const channels = await admin.get(`${base()}/channels`)
    expect(channels.body[0]).toMatchObject({
      health: 'needs_reconnect',
      healthCode: 'auth_revoked',
    })
    const blocked = await schedule(failed, new Date())
    expect(blocked.body.error.code).toBe('channel_unusable')
    await admin.post(`${base()}/channels/bluesky`, {
      identifier: 'stadsbiblioteket.test',
      appPassword: 'ny-app-losen',
    })
    expect((await admin.get(`${base()}/channels`)).body).toHaveLength(1)
    const again = await schedule(await get(post.id), new Date())
    expect(again.status).toBe(200)
    await until(
      () => get(post.id),
      (p) => p.state === 'published',
    )
  })

  it('unscheduling and rescheduling take effect at once, even for a publication already waiting', async () => {
    const post = await draft('Sommarlovsläsning startar!')
    const first = await schedule(post, new Date(Date.now() + 1500))
    const later = await schedule(first.body, new Date(Date.now() + 60 * 60_000))
    expect(later.status).toBe(200)
    const off = await admin.post(`${base()}/posts/${post.id}/unschedule`)
    expect(off.body.state).toBe('approved')
    // Past both times it was once due, the worker carries out all that is due, and not this.
    clock.advance(2 * 60 * 60_000)
    try {
      await app.torget.publishingDrained()
    } finally {
      clock.advance(-2 * 60 * 60_000)
    }
    expect(net.posts.has(off.body.publications[0].id)).toBe(false)
    expect((await get(post.id)).state).toBe('approved')
  })

  it('refuses what a network would refuse, in the person’s language', async () => {
    const long = await draft('å'.repeat(301))
    expect((await schedule(long, new Date())).body.error.code).toBe('text_too_long')
    const past = await draft('Igår')
    const res = await schedule(past, new Date(Date.now() - 10 * 60_000))
    expect([res.status, res.body.error.message]).toEqual([
      400,
      'Tiden har redan passerat. Välj en tid framåt, eller publicera direkt.',
    ])
    const none = await admin.post(`${base()}/posts`, { text: 'Ingen kanal' })
    expect((await schedule(none.body, new Date())).body.error.code).toBe('no_channels')

    const withImage = await draft('Se vår nya läshörna')
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer()
    const upload = await admin.request(
      'POST',
      `${base()}/posts/${withImage.id}/images`,
      undefined,
      { 'content-type': 'image/png' },
    )
    expect(upload.status).toBe(415)
    const added = await admin.upload(`${base()}/posts/${withImage.id}/images`, png, 'image/png')
    expect(added.status).toBe(200)
    const uploaded = added.body
    expect(uploaded.images).toHaveLength(1)
    expect((await schedule(uploaded, new Date())).body.error.code).toBe('alt_text_missing')
    const withAlt = await admin.patch(
      `${base()}/posts/${withImage.id}/images/${uploaded.images[0].id}`,
      { alt: 'En grön läshörna med kuddar' },
    )
    expect((await schedule(withAlt.body, new Date())).status).toBe(200)
    const published = await until(
      () => get(withImage.id),
      (p) => p.state === 'published',
    )
    const sent = net.posts.get(published.publications[0].id)!.post
    expect(sent.images).toMatchObject([
      { alt: 'En grön läshörna med kuddar', width: 40, height: 30 },
    ])
  })

  it('lets two editors work on one post without overwriting each other', async () => {
    const { client: editor } = await addMember(
      app,
      admin,
      libraryId,
      'editor',
      `redaktor-${dialect}@bibliotek.test`,
    )
    const post = await draft('Första versionen')
    const mine = await admin.patch(`${base()}/posts/${post.id}`, {
      version: post.version,
      text: 'Min ändring',
    })
    expect(mine.status).toBe(200)
    const theirs = await editor.patch(`${base()}/posts/${post.id}`, {
      version: post.version,
      text: 'Deras ändring',
    })
    expect([theirs.status, theirs.body.error.code]).toEqual([409, 'version_conflict'])
    expect((await get(post.id)).text).toBe('Min ändring')
  })

  it('fails what waited on a channel that is removed, and withdraws a published post from the network', async () => {
    const post = await draft('Författarbesök i maj')
    await schedule(post, new Date())
    const published = await until(
      () => get(post.id),
      (p) => p.state === 'published',
    )
    expect((await admin.delete(`${base()}/posts/${post.id}`)).status).toBe(204)
    await until(
      () => get(post.id),
      (p) => p.publications[0].state === 'deleted',
    )
    expect(net.posts.has(published.publications[0].id)).toBe(false)

    const waiting = await draft('Väntar på en kanal som försvinner')
    await schedule(waiting, new Date(Date.now() + 60 * 60_000))
    expect((await admin.delete(`${base()}/channels/${channelId}`)).status).toBe(204)
    const failed = await get(waiting.id)
    expect(failed.state).toBe('failed')
    expect(failed.publications[0].errorCode).toBe('channel_removed')
  })
})

describe('an attempt that hangs', () => {
  // Dialect-independent: the dispatcher's timeout, not the SQL, is under test.
  it('is given up as unknown; the next attempt asks the network first, and the late answer is refused', async () => {
    const net = loopbackNetwork()
    const app = await createTestApp(
      'sqlite',
      { TORGET_PUBLISH_TIMEOUT_SECONDS: '5' },
      { adapters: { bluesky: net.adapter }, publishRetryBaseMs: 100 },
    )
    try {
      await app.torget.startWorker()
      const { admin, libraryId } = await setUpFirstLibrary(app)
      const base = `/api/v1/libraries/${libraryId}`
      const channel = await admin.post(`${base}/channels/bluesky`, {
        identifier: 'hang.test',
        appPassword: 'abcd-efgh-ijkl',
      })
      const post = await admin.post(`${base}/posts`, {
        text: 'Julmarknad i entrén',
        channelIds: [channel.body.id],
      })
      net.failNext({ kind: 'hang', ms: 5_500 })
      const started = Date.now()
      await admin.post(`${base}/posts/${post.body.id}/schedule`, {
        at: new Date().toISOString(),
        version: post.body.version,
      })
      const done = await until(
        () => admin.get(`${base}/posts/${post.body.id}`).then((r) => r.body),
        (p) => p.state === 'published',
      )
      // Given up at three quarters of the 5 s timeout, not left waiting for the lease.
      expect(Date.now() - started).toBeLessThan(5_000)
      const id = done.publications[0].id
      expect(done.publications[0].attempts).toBe(2)
      // The hung first attempt arrives late and is refused, as Bluesky refuses a second record under one key.
      await until(
        async () => net.duplicates,
        (n) => n === 1,
      )
      expect(net.calls.filter((c) => c.endsWith(id))).toEqual([
        `publish:${id}`,
        `lookup:${id}`,
        `publish:${id}`,
      ])
      expect(net.posts.size).toBe(1)
    } finally {
      await app.close()
    }
  })
})

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import {
  META_APP_ID,
  META_APP_SECRET,
  consent as consentOnMeta,
  runDue,
  LIBRARY_PAGE,
  THREADS_USER,
  startWithStandIn,
} from '../test/meta.js'
import type { StandInGraph } from '../adapters/meta/testing/stand-in-graph.js'

// Against the stand-in Graph API built from Meta's documentation (server/adapters/meta/testing/stand-in-graph.ts);
// no Meta server is reachable from here.

const SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
]

describe.each(await availableDialects())(
  'Facebook and Instagram through the stand-in on %s',
  (dialect) => {
    let stand: StandInGraph
    let app: TestApp
    let close: () => Promise<void>
    let admin: TestClient
    let libraryId: string
    let instagramId: string
    let facebookId: string
    const base = () => `/api/v1/libraries/${libraryId}`
    const images: Record<string, Buffer> = {}

    beforeAll(async () => {
      ;({ stand, app, admin, libraryId, close } = await startWithStandIn(dialect, {
        grantedScopes: SCOPES,
        threadsUser: THREADS_USER,
        pages: [LIBRARY_PAGE, { id: '1002', name: 'Filialen Norr' }],
      }))
      for (const [name, width, height] of [
        ['square', 80, 80],
        ['portrait', 80, 100],
        ['wide', 191, 100],
        ['tall', 50, 100],
      ] as const)
        images[name] = await sharp({
          create: { width, height, channels: 3, background: '#2b6cb0' },
        })
          .jpeg()
          .toBuffer()
    })
    afterAll(() => close?.())

    /** The consent round trip as a browser makes it: Torget → Meta's page → Allow → Torget. */
    async function consent(decision: 'allow' | 'deny' = 'allow', kind = 'facebook') {
      const started = await admin.post(`${base()}/channels/meta/authorize`, { kind })
      expect(started.status).toBe(200)
      const page = await fetch(started.body.authorizeUrl)
      expect(await page.text()).toContain('Allow Torget?')
      const form = new URL(started.body.authorizeUrl)
      form.searchParams.set('decision', decision)
      const answered = await fetch(started.body.authorizeUrl, {
        method: 'POST',
        body: form.searchParams,
        redirect: 'manual',
      })
      const callback = new URL(answered.headers.get('location')!)
      const back = await admin.get(`${callback.pathname}${callback.search}`)
      expect(back.status).toBe(302)
      return new URL(back.headers.get('location')!, 'http://torget.test')
    }

    it('connects a Page and its Instagram account after consent, and refuses a Page without one', async () => {
      expect((await admin.get(`${base()}/channels/meta`)).body).toEqual({
        facebook: true,
        threads: true,
        unreachable: false,
      })
      expect((await consent('deny')).search).toBe('?meta=avbrutet')
      const back = await consent()
      expect(back.searchParams.get('meta')).toBe('valj')
      const selection = back.hash.replace('#urval=', '')
      const pages = await admin.post(`${base()}/channels/meta/pages`, { selection })
      expect(pages.body).toEqual([
        {
          pageId: '1001',
          name: 'Stadsbiblioteket',
          instagram: { id: '17841400000000001', username: 'stadsbiblioteket' },
        },
        { pageId: '1002', name: 'Filialen Norr', instagram: null },
      ])
      const refused = await admin.post(`${base()}/channels/meta/connect`, {
        selection,
        pageId: '1002',
        facebook: false,
        instagram: true,
      })
      expect(refused.status).toBe(400)
      expect(refused.body.error.message).toContain('professionellt konto')

      const connected = await admin.post(`${base()}/channels/meta/connect`, {
        selection,
        pageId: '1001',
        facebook: true,
        instagram: true,
      })
      expect(connected.status).toBe(201)
      const [facebook, instagram] = connected.body
      expect(facebook).toMatchObject({
        network: 'facebook',
        handle: 'Stadsbiblioteket',
        health: 'ok',
        // Only publishing was allowed on Meta's page: the card says comments will not come.
        healthWarning: 'comments_permission_missing',
      })
      expect(instagram).toMatchObject({
        network: 'instagram',
        handle: 'stadsbiblioteket',
        healthWarning: 'comments_permission_missing',
        limits: { maxCharacters: 2200, maxHashtags: 30 },
      })
      // debug_token's data-access expiry (90 days) comes before the token's own (about 60 days)? No: 60 days first.
      const days = (Date.parse(instagram.accessExpiresAt) - Date.now()) / 86_400_000
      expect(days).toBeGreaterThan(55)
      expect(days).toBeLessThan(91)
      facebookId = facebook.id
      instagramId = instagram.id
    })

    async function draft(text: string, channelIds: string[], pictures: [string, string][]) {
      let post = (await admin.post(`${base()}/posts`, { text, channelIds })).body
      for (const [name, alt] of pictures) {
        post = (
          await admin.upload(`${base()}/posts/${post.id}/images`, images[name]!, 'image/jpeg')
        ).body
        const added = post.images.at(-1)
        post = (await admin.patch(`${base()}/posts/${post.id}/images/${added.id}`, { alt })).body
      }
      return post
    }
    const schedule = (post: { id: string; version: number }) =>
      admin.post(`${base()}/posts/${post.id}/schedule`, {
        at: new Date().toISOString(),
        version: post.version,
      })

    it('refuses what Instagram would refuse before scheduling', async () => {
      const tags = Array.from({ length: 31 }, (_, i) => `#tagg${i}`).join(' ')
      const hashtags = await draft(`Läslov! ${tags}`, [instagramId], [['square', 'Bokhyllor']])
      expect((await schedule(hashtags)).body.error.code).toBe('too_many_hashtags')
      const noImage = await draft('Bara text', [instagramId], [])
      expect((await schedule(noImage)).body.error.code).toBe('image_required')
      const tall = await draft('För hög bild', [instagramId], [['tall', 'En smal bild']])
      expect((await schedule(tall)).body.error.code).toBe('image_aspect_ratio')
    })

    it('publishes a carousel with alt texts exactly once, and a Page post with its photos', async () => {
      const post = await draft(
        'Höstlovet på biblioteket 📚',
        [instagramId, facebookId],
        [
          ['square', 'Barn som läser i en fåtölj'],
          ['portrait', 'Bibliotekarie vid disken'],
          ['wide', 'Sagostund i barnavdelningen'],
        ],
      )
      expect((await schedule(post)).status).toBe(200)
      await runDue(app.torget)
      const read = (await admin.get(`${base()}/posts/${post.id}`)).body
      expect(read.publications.map((p: { state: string }) => p.state)).toEqual([
        'published',
        'published',
      ])
      const onInstagram = stand.media.filter(
        (m) => m.network === 'instagram' && m.text === 'Höstlovet på biblioteket 📚',
      )
      expect(onInstagram).toHaveLength(1)
      expect(onInstagram[0]!.alts).toEqual([
        'Barn som läser i en fåtölj',
        'Bibliotekarie vid disken',
        'Sagostund i barnavdelningen',
      ])
      expect(onInstagram[0]!.imageBytes.every((b) => b > 0)).toBe(true)
      const onFacebook = stand.media.filter((m) => m.network === 'facebook')
      expect(onFacebook).toHaveLength(1)
      expect(onFacebook[0]!.alts).toHaveLength(3)
      // Page photos go up as files, so Facebook needs no address of Torget's that Meta can reach.
      expect(onFacebook[0]!.imageBytes.every((b) => b > 0)).toBe(true)
      const uploads = stand.requests.filter((r) => r.path === '/1001/photos')
      expect(uploads.length).toBe(3)
      expect(uploads.every((r) => r.params.url === undefined)).toBe(true)
      // The links Meta fetched from stop working after their hour; a made-up one never works.
      expect(
        (await fetch(`${app.config.publicUrl}/api/v1/meta-media/${'x'.repeat(32)}.jpeg`)).status,
      ).toBe(404)
    })

    it('publishes the stored container after the worker dies between creating it and publishing', async () => {
      stand.faults.pollsBeforeFinished = 100
      const post = await draft(
        'Bokcirkel på torsdag',
        [instagramId],
        [['square', 'Sex stolar i en ring']],
      )
      await schedule(post)
      const [first] = await runDue(app.torget)
      // The container is still IN_PROGRESS when the attempt gives up: nothing is published yet.
      expect(first!.outcome).toMatchObject({ kind: 'retry' })
      const containersBefore = stand.containers.size
      stand.faults.pollsBeforeFinished = 0
      for (const c of stand.containers.values()) c.pollsLeft = 0
      await app.torget.database.db
        .updateTable('publications')
        .set({ due_at: new Date(Date.now() - 1000).toISOString() })
        .where('post_id', '=', post.id)
        .execute()
      await runDue(app.torget)
      expect(stand.containers.size).toBe(containersBefore)
      expect(stand.media.filter((m) => m.text === 'Bokcirkel på torsdag')).toHaveLength(1)
      const read = (await admin.get(`${base()}/posts/${post.id}`)).body
      expect(read.publications[0].state).toBe('published')
    })

    it('fails a post whose container ends in ERROR, with the reason', async () => {
      stand.faults.containerError = true
      const post = await draft('Trasig bild', [instagramId], [['square', 'En bild']])
      await schedule(post)
      const [result] = await runDue(app.torget)
      stand.faults.containerError = false
      expect(result!.outcome).toMatchObject({ kind: 'failed', code: 'media_rejected' })
      expect(stand.media.filter((m) => m.text === 'Trasig bild')).toHaveLength(0)
    })

    it('waits an hour after Meta’s temporary block (368), as Meta advises, and then publishes once', async () => {
      stand.faults.policyBlock = true
      const post = await draft('Språkcafé på måndag', [facebookId], [])
      await schedule(post)
      const [blocked] = await runDue(app.torget)
      expect(blocked!.outcome).toMatchObject({ kind: 'retry', code: 'temporarily_blocked' })
      const [row] = await app.torget.database.db
        .selectFrom('publications')
        .select(['due_at', 'state'])
        .where('post_id', '=', post.id)
        .execute()
      expect(Date.parse(row!.due_at!) - Date.now()).toBeGreaterThan(55 * 60_000)
      expect(stand.media.filter((m) => m.text === 'Språkcafé på måndag')).toHaveLength(0)
      await app.torget.database.db
        .updateTable('publications')
        .set({ due_at: new Date(Date.now() - 1000).toISOString() })
        .where('post_id', '=', post.id)
        .execute()
      await runDue(app.torget)
      expect(stand.media.filter((m) => m.text === 'Språkcafé på måndag')).toHaveLength(1)
    })

    it('closes the shared budget of the account on a 613 storm, so the next round calls Meta not at all', async () => {
      stand.faults.throttle = 3
      const post = await draft('Författarbesök i kväll', [facebookId], [])
      await schedule(post)
      const [result] = await runDue(app.torget)
      expect(result!.outcome).toMatchObject({ kind: 'retry', code: 'rate_limited' })
      // The budget is closed for the account: the next round does not call Meta at all.
      const calls = stand.requests.length
      await app.torget.database.db
        .updateTable('publications')
        .set({ due_at: new Date(Date.now() - 1000).toISOString() })
        .where('post_id', '=', post.id)
        .execute()
      const [held] = await runDue(app.torget)
      expect(held!.outcome).toMatchObject({ kind: 'retry', code: 'rate_limited' })
      stand.faults.throttle = 0
      expect(stand.requests.length).toBe(calls)
    })

    it('finds the post on Instagram instead of publishing again when the worker died after publishing it', async () => {
      const post = await draft(
        'Sommarboken börjar',
        [instagramId],
        [['square', 'Barn med bokpåsar']],
      )
      await schedule(post)
      const publishing = app.torget.services.publishing
      const [claimed] = await publishing.claimDue(10)
      const { ready } = await publishing.prepare([claimed!])
      // The attempt publishes, and its worker dies before writing down what it did.
      await publishing.attempt(ready[0]!)
      expect(stand.media.filter((m) => m.text === 'Sommarboken börjar')).toHaveLength(1)
      await app.torget.database.db
        .updateTable('publications')
        .set({ attempt_started_at: new Date(Date.now() - 60 * 60_000).toISOString() })
        .where('post_id', '=', post.id)
        .execute()
      await runDue(app.torget)
      expect(stand.media.filter((m) => m.text === 'Sommarboken börjar')).toHaveLength(1)
      const read = (await admin.get(`${base()}/posts/${post.id}`)).body
      expect(read.publications[0]).toMatchObject({ state: 'published', attempts: 2 })
    })

    it('connects Threads through its own consent page and publishes a text post once', async () => {
      const back = await consent('allow', 'threads')
      expect(back.searchParams.get('ansluten')).toBe('threads')
      const channels = (await admin.get(`${base()}/channels`)).body
      const threads = channels.find((c: { network: string }) => c.network === 'threads')
      expect(threads).toMatchObject({ handle: 'stadsbiblioteket', limits: { maxCharacters: 500 } })
      const long = await draft('x'.repeat(501), [threads.id], [])
      expect((await schedule(long)).body.error.code).toBe('text_too_long')
      // Threads counts an emoji as its UTF-8 bytes: 124 books (4 bytes each) and six characters are 502.
      const books = await draft(`${'📚'.repeat(124)}Läs nu`, [threads.id], [])
      expect((await schedule(books)).body.error.code).toBe('text_too_long')
      const fits = await draft(`${'📚'.repeat(124)}Läs!`, [threads.id], [])
      expect((await schedule(fits)).status).toBe(200)
      const post = await draft('Öppet som vanligt i helgen', [threads.id], [])
      expect((await schedule(post)).status).toBe(200)
      await runDue(app.torget)
      // The stand-in counts as Meta's documentation says, and took both.
      expect(stand.media.filter((m) => m.network === 'threads')).toHaveLength(2)
    })
    it('marks the channel for reconnection when the token expires mid-schedule', async () => {
      const post = await draft('Nya böcker', [instagramId], [['square', 'Bokvagn']])
      await schedule(post)
      stand.expireAll()
      const [result] = await runDue(app.torget)
      expect(result!.outcome).toMatchObject({ kind: 'failed', code: 'auth_revoked' })
      const channels = (await admin.get(`${base()}/channels`)).body
      expect(channels.find((c: { id: string }) => c.id === instagramId)).toMatchObject({
        health: 'needs_reconnect',
        healthCode: 'auth_revoked',
      })
    })
  },
)

describe.each(await availableDialects())('an installation Meta cannot use, on %s', (dialect) => {
  it('says what is missing, and refuses to connect when Torget is not on the internet', async () => {
    const bare = await createTestApp(dialect)
    const { admin, libraryId } = await setUpFirstLibrary(bare)
    const status = await admin.get(`/api/v1/libraries/${libraryId}/channels/meta`)
    expect(status.body).toEqual({ facebook: false, threads: false, unreachable: false })
    const refused = await admin.post(`/api/v1/libraries/${libraryId}/channels/meta/authorize`, {
      kind: 'facebook',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toContain('META_APP_ID')
    await bare.close()

    const local = await createTestApp(dialect, {
      TORGET_PUBLIC_URL: 'http://localhost:3000',
      META_APP_ID: META_APP_ID,
      META_APP_SECRET: META_APP_SECRET,
      THREADS_APP_ID: META_APP_ID,
      THREADS_APP_SECRET: META_APP_SECRET,
    })
    const second = await setUpFirstLibrary(local)
    const authorize = (kind: string) =>
      second.admin.post(`/api/v1/libraries/${second.libraryId}/channels/meta/authorize`, { kind })
    // Page photos are uploaded, so a Facebook Page connects; Threads fetches images by URL.
    expect((await authorize('facebook')).status).toBe(200)
    const unreachable = await authorize('threads')
    expect(unreachable.status).toBe(400)
    expect(unreachable.body.error.message).toContain('internet')
    await local.close()
  })
})

// Instagram and Threads fetch every image from Torget's own address; an installation Meta
// cannot reach is told so when connecting, not when the first post fails.
describe.each(await availableDialects())(
  'Meta when Torget is not on the internet, on %s',
  (dialect) => {
    let close: () => Promise<void>
    let admin: TestClient
    let libraryId: string
    const base = () => `/api/v1/libraries/${libraryId}`

    beforeAll(async () => {
      // META_REQUIRE_PUBLIC_URL as by default: Torget's address, on loopback, is not on the internet.
      ;({ admin, libraryId, close } = await startWithStandIn(
        dialect,
        {
          grantedScopes: SCOPES,
          pages: [LIBRARY_PAGE],
        },
        { env: { META_REQUIRE_PUBLIC_URL: 'true' } },
      ))
    })
    afterAll(() => close?.())

    it('connects the Facebook Page, and refuses its Instagram account with the reason, in Swedish and English', async () => {
      expect((await admin.get(`${base()}/channels/meta`)).body).toMatchObject({ unreachable: true })

      const back = await consentOnMeta(admin, libraryId, 'facebook')
      const selection = back.hash.replace('#urval=', '')

      const instagram = { selection, pageId: '1001', facebook: false, instagram: true }
      const refused = await admin.post(`${base()}/channels/meta/connect`, instagram)
      expect(refused.status).toBe(400)
      expect(refused.body.error.message).toContain('TORGET_PUBLIC_URL')
      expect(refused.body.error.message).toContain('går inte att nå från internet')
      admin.locale = 'en'
      const inEnglish = await admin.post(`${base()}/channels/meta/connect`, instagram)
      expect(inEnglish.body.error.message).toContain('cannot be reached from the internet')
      admin.locale = 'sv'
      expect((await admin.get(`${base()}/channels`)).body).toEqual([])

      // Facebook takes photos as uploads, so the Page connects all the same.
      const facebook = await admin.post(`${base()}/channels/meta/connect`, {
        ...instagram,
        facebook: true,
        instagram: false,
      })
      expect(facebook.status).toBe(201)
      expect(facebook.body.map((c: { network: string }) => c.network)).toEqual(['facebook'])
    })
  },
)

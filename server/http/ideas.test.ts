import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

describe.each(await availableDialects())('the idea board on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let admin: TestClient
  let writer: TestClient
  let reader: TestClient
  let readerId: string
  let photo: Buffer
  const base = () => `/api/v1/libraries/${libraryId}`
  const bell = async (c: TestClient) => (await c.get('/api/v1/notifications')).body
  const addIdea = async (c: TestClient, body: Record<string, unknown>) => {
    const res = await c.post(`${base()}/ideas`, body)
    expect(res.status).toBe(201)
    return res.body as { id: string }
  }

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: loopbackNetwork().adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    writer = (await addMember(app, admin, libraryId, 'writer', 'sara@bibliotek.test')).client
    const r = await addMember(app, admin, libraryId, 'reader', 'lars@bibliotek.test')
    reader = r.client
    readerId = r.userId
    await reader.patch('/api/v1/me', { name: 'Lars Läsare' })
    await writer.patch('/api/v1/me', { name: 'Sara Skribent' })
    // A phone photo: EXIF with the camera and where it was taken.
    photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c05621' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Telefon', Model: 'X' }, IFD3: { GPSLatitudeRef: 'N' } })
      .toBuffer()
    expect((await sharp(photo).metadata()).exif).toBeDefined()
  })
  afterAll(async () => app?.close())

  it('lets a Läsare add an idea with a photo and its alt text, without the EXIF', async () => {
    const idea = await addIdea(reader, {
      text: 'Barnen frågade efter fler serier om dinosaurier',
      book: 'Dinosaurieboken, Anna Andersson',
      link: 'https://bibliotek.test/dinosaurier',
    })
    const withPhoto = await reader.upload(
      `${base()}/ideas/${idea.id}/photo?alt=${encodeURIComponent('Två barn läser vid hyllan')}`,
      photo,
      'image/jpeg',
    )
    expect(withPhoto.status).toBe(200)
    expect(withPhoto.body).toMatchObject({
      text: 'Barnen frågade efter fler serier om dinosaurier',
      state: 'new',
      owner: { id: readerId, name: 'Lars Läsare' },
      photo: { alt: 'Två barn läser vid hyllan', width: 640, height: 480 },
      draft: null,
    })
    const file = await writer.send('GET', `${base()}/ideas/${idea.id}/photo`)
    expect(file.headers.get('content-type')).toBe('image/jpeg')
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata()
    expect(meta.exif).toBeUndefined()

    const board = await writer.get(`${base()}/ideas`)
    expect(board.body.map((i: { id: string }) => i.id)).toContain(idea.id)
  })

  it('counts one support per member, and takes it back', async () => {
    const idea = await addIdea(admin, { text: 'Boktips från personalen varje fredag' })
    expect((await reader.post(`${base()}/ideas/${idea.id}/support`)).body).toMatchObject({
      supporters: 1,
      supportedByMe: true,
    })
    await reader.post(`${base()}/ideas/${idea.id}/support`)
    await writer.post(`${base()}/ideas/${idea.id}/support`)
    const seen = await admin.get(`${base()}/ideas/${idea.id}`)
    expect(seen.body).toMatchObject({ supporters: 2, supportedByMe: false })
    const back = await reader.delete(`${base()}/ideas/${idea.id}/support`)
    expect(back.body).toMatchObject({ supporters: 1, supportedByMe: false })
  })

  it('takes comments from everyone, a Läsare too', async () => {
    const idea = await addIdea(writer, { text: 'Filma bokvagnen på väg till äldreboendet' })
    const res = await reader.post(`${base()}/ideas/${idea.id}/comments`, {
      text: 'Jag kan fråga om vi får filma!',
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual([
      expect.objectContaining({
        authorName: 'Lars Läsare',
        text: 'Jag kan fråga om vi får filma!',
      }),
    ])
    expect((await writer.get(`${base()}/ideas/${idea.id}`)).body.comments).toBe(1)
  })

  it('lets a Läsare add and support but not draft or set the state', async () => {
    const idea = await addIdea(reader, { text: 'Visa nya ljudböcker' })
    const draft = await reader.post(`${base()}/ideas/${idea.id}/draft`, {})
    expect(draft.status).toBe(403)
    expect(draft.body.error.code).toBe('forbidden')
    const state = await reader.post(`${base()}/ideas/${idea.id}/state`, { state: 'used' })
    expect(state.status).toBe(403)
    expect(
      (await writer.post(`${base()}/ideas/${idea.id}/state`, { state: 'not_now' })).body,
    ).toMatchObject({ state: 'not_now' })
    const posts = await admin.get(`${base()}/posts`)
    expect(posts.body.some((p: { text: string }) => p.text.includes('ljudböcker'))).toBe(false)
  })

  it('makes a draft that keeps the photo and the owner, and tells the owner', async () => {
    const before = (await bell(reader)).unread
    const idea = await addIdea(reader, {
      text: 'Sommarboken börjar – visa hur man anmäler sig',
      link: 'https://bibliotek.test/sommarboken',
    })
    await reader.upload(`${base()}/ideas/${idea.id}/photo?alt=Affischen`, photo, 'image/jpeg')

    const res = await writer.post(`${base()}/ideas/${idea.id}/draft`, {})
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      state: 'in_progress',
      owner: { id: readerId },
      draft: { state: 'draft' },
    })
    const post = (await writer.get(`${base()}/posts/${res.body.draft.postId}`)).body
    expect(post.text).toBe(
      'Sommarboken börjar – visa hur man anmäler sig\n\nhttps://bibliotek.test/sommarboken',
    )
    expect(post.images).toEqual([expect.objectContaining({ alt: 'Affischen' })])
    const origin = await writer.get(`${base()}/posts/${post.id}/idea`)
    expect(origin.body.idea).toMatchObject({ id: idea.id, owner: { name: 'Lars Läsare' } })

    const { unread, items } = await bell(reader)
    expect(unread).toBe(before + 1)
    expect(items[0]).toMatchObject({
      kind: 'idea_drafted',
      postId: post.id,
      actorName: 'Sara Skribent',
      excerpt: 'Sommarboken börjar – visa hur man anmäler sig',
    })
  })

  it("makes the draft one of a campaign's posts when a campaign is named", async () => {
    const campaign = await admin.post(`${base()}/campaigns`, {
      name: 'Bokfestival',
      peakDate: '2099-03-14',
      peakTime: '10:00',
    })
    expect(campaign.status).toBe(201)
    const idea = await addIdea(reader, { text: 'Intervjua en författare på festivalen' })
    const unknown = await writer.post(`${base()}/ideas/${idea.id}/draft`, { campaignId: 'nope' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('campaign_not_found')
    expect((await writer.get(`${base()}/ideas/${idea.id}`)).body.draft).toBeNull()
    const res = await writer.post(`${base()}/ideas/${idea.id}/draft`, {
      campaignId: campaign.body.id,
    })
    expect(res.body.draft).toMatchObject({ campaignId: campaign.body.id })
    const detail = await writer.get(`${base()}/campaigns/${campaign.body.id}`)
    expect(JSON.stringify(detail.body)).toContain(res.body.draft.postId)
  })

  it('makes one draft when asked twice at the same moment', async () => {
    const idea = await addIdea(reader, { text: 'Lästips inför höstlovet' })
    const answers = await Promise.all([
      writer.post(`${base()}/ideas/${idea.id}/draft`, {}),
      admin.post(`${base()}/ideas/${idea.id}/draft`, {}),
      writer.post(`${base()}/ideas/${idea.id}/draft`, {}),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    const ids = new Set(answers.map((a) => a.body.draft.postId))
    expect(ids.size).toBe(1)
    const posts = await admin.get(`${base()}/posts`)
    expect(
      posts.body.filter((p: { text: string }) => p.text === 'Lästips inför höstlovet'),
    ).toHaveLength(1)
    const told = (await bell(reader)).items.filter(
      (n: { kind: string; excerpt: string }) =>
        n.kind === 'idea_drafted' && n.excerpt === 'Lästips inför höstlovet',
    )
    expect(told).toHaveLength(1)
  })

  it('tells the owner when the post made of the idea is published', async () => {
    const channelId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    const idea = await addIdea(reader, { text: 'Tipsa om poddar om böcker' })
    const drafted = await admin.post(`${base()}/ideas/${idea.id}/draft`, {})
    const postId = drafted.body.draft.postId
    const edited = await admin.patch(`${base()}/posts/${postId}`, {
      version: 1,
      channelIds: [channelId],
    })
    expect(edited.status).toBe(200)
    const scheduled = await admin.post(`${base()}/posts/${postId}/schedule`, {
      at: new Date().toISOString(),
      version: edited.body.version,
    })
    expect(scheduled.status).toBe(200)
    const publishing = app.torget.services.publishing
    const { ready } = await publishing.prepare(await publishing.claimDue(10))
    const results = []
    for (const attempt of ready)
      results.push({ claimed: attempt.claimed, outcome: await publishing.attempt(attempt) })
    await publishing.record(results)

    expect((await admin.get(`${base()}/posts/${postId}`)).body.state).toBe('published')
    const { items } = await bell(reader)
    expect(items[0]).toMatchObject({
      kind: 'idea_published',
      postId,
      excerpt: 'Tipsa om poddar om böcker',
    })
    expect((await reader.get(`${base()}/ideas/${idea.id}`)).body).toMatchObject({
      state: 'used',
      draft: { postId, state: 'published' },
    })
  })

  it("refuses a huge photo or a file that is no image, saying why in the person's language", async () => {
    const idea = await addIdea(reader, { text: 'Bild från sagostunden' })
    const huge = new Uint8Array(21 * 1024 * 1024)
    const tooLarge = await reader.upload(`${base()}/ideas/${idea.id}/photo`, huge, 'image/jpeg')
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.error).toMatchObject({
      code: 'image_too_large',
      message: 'Bilden är för stor. Största storlek är 20 MB.',
    })
    reader.locale = 'en'
    const text = new TextEncoder().encode('%PDF-1.7 not a photo at all')
    const notImage = await reader.upload(`${base()}/ideas/${idea.id}/photo`, text, 'image/jpeg')
    reader.locale = 'sv'
    expect(notImage.status).toBe(415)
    expect(notImage.body.error).toMatchObject({
      code: 'image_invalid',
      message: 'The file is not a readable image. Use JPEG, PNG or WebP.',
    })
    expect((await reader.get(`${base()}/ideas/${idea.id}`)).body.photo).toBeNull()
  })

  it("refuses another member's photo change, an unknown event and a link that is not https", async () => {
    const idea = await addIdea(writer, { text: 'Min idé' })
    const other = await reader.upload(`${base()}/ideas/${idea.id}/photo`, photo, 'image/jpeg')
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('idea_not_yours')
    expect((await reader.delete(`${base()}/ideas/${idea.id}`)).body.error.code).toBe(
      'idea_not_yours',
    )
    const own = await addIdea(reader, { text: 'Ångrad idé' })
    expect((await reader.delete(`${base()}/ideas/${own.id}`)).status).toBe(204)
    expect((await reader.get(`${base()}/ideas/${own.id}`)).status).toBe(404)
    const event = await reader.post(`${base()}/ideas`, { text: 'Om evenemanget', eventId: 'nope' })
    expect(event.status).toBe(404)
    expect(event.body.error.code).toBe('event_not_found')
    const link = await reader.post(`${base()}/ideas`, { text: 'Länk', link: 'javascript:alert(1)' })
    expect(link.status).toBe(400)
    expect((await reader.get(`${base()}/ideas/nope`)).status).toBe(404)
  })

  it("puts a member's ideas, comments and supports in their registerutdrag", async () => {
    const idea = await addIdea(writer, { text: 'Tipsa om lättlästa böcker' })
    await reader.post(`${base()}/ideas/${idea.id}/support`)
    const extract = await admin.get(`${base()}/personal-data/members/${readerId}`)
    expect(extract.status).toBe(200)
    expect(extract.body.ideas.map((i: { text: string }) => i.text)).toContain(
      'Barnen frågade efter fler serier om dinosaurier',
    )
    expect(extract.body.ideaComments).toEqual([
      expect.objectContaining({ text: 'Jag kan fråga om vi får filma!' }),
    ])
    expect(extract.body.ideaSupports).toEqual([expect.objectContaining({ idea_id: idea.id })])
  })
})

import crypto from 'node:crypto'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StandInGraph } from '../adapters/meta/testing/stand-in-graph.js'
import { availableDialects } from '../test/databases.js'
import type { TestApp, TestClient } from '../test/harness.js'
import {
  META_APP_SECRET,
  META_VERIFY_TOKEN,
  connectMeta,
  runDue,
  LIBRARY_PAGE,
  THREADS_USER,
  startWithStandIn,
} from '../test/meta.js'

// Comments on Facebook and Instagram and replies on Threads into Inkorg, answered and moderated
// from there, against the stand-in Graph API (server/adapters/meta/testing/stand-in-comments.ts).

const SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_read_user_content',
  'pages_manage_engagement',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'threads_read_replies',
  'threads_manage_replies',
  'pages_manage_metadata',
]
const KIM = { id: '5550001', name: 'Kim Läsare' }
const ALEX = { id: '5550002', name: 'Alex Låntagare' }

interface Item {
  id: string
  kind: string
  text: string
  version: number
  state: string
}

describe.each(await availableDialects())('Meta comments in Inkorg on %s', (dialect) => {
  let stand: StandInGraph
  let app: TestApp
  let admin: TestClient
  let libraryId: string
  let close: () => Promise<void>
  let channels: { facebook: string; instagram: string; threads: string }
  const base = () => `/api/v1/libraries/${libraryId}`

  beforeAll(async () => {
    ;({ stand, app, admin, libraryId, close } = await startWithStandIn(
      dialect,
      {
        grantedScopes: SCOPES,
        threadsUser: THREADS_USER,
        pages: [LIBRARY_PAGE],
      },
      { env: { META_WEBHOOK_VERIFY_TOKEN: META_VERIFY_TOKEN } },
    ))
    channels = await connectMeta(admin, libraryId, '1001')
  })
  afterAll(() => close?.())

  /** Publishes a post on one channel through Torget; answers its id on the network. */
  async function publish(text: string, channelId: string, withImage = false) {
    let post = (await admin.post(`${base()}/posts`, { text, channelIds: [channelId] })).body
    if (withImage) {
      const image = await sharp({
        create: { width: 80, height: 80, channels: 3, background: '#2b6cb0' },
      })
        .jpeg()
        .toBuffer()
      post = (await admin.upload(`${base()}/posts/${post.id}/images`, image, 'image/jpeg')).body
      post = (
        await admin.patch(`${base()}/posts/${post.id}/images/${post.images[0].id}`, {
          alt: 'Bokhyllor',
        })
      ).body
    }
    const scheduled = await admin.post(`${base()}/posts/${post.id}/schedule`, {
      at: new Date().toISOString(),
      version: post.version,
    })
    expect(scheduled.status).toBe(200)
    await runDue(app.torget)
    const onNetwork = stand.media.filter((m) => m.text === text)
    expect(onNetwork).toHaveLength(1)
    return onNetwork[0]!.id
  }

  const read = (channelId: string) => app.torget.services.ingest.readChannel(libraryId, channelId)
  async function items(channelId: string): Promise<Item[]> {
    return (await admin.get(`${base()}/inbox/items?channel=${channelId}&limit=100`)).body.items
  }
  const itemWith = async (channelId: string, text: string) =>
    (await items(channelId)).find((i) => i.text === text)!
  const requestsTo = (suffix: string) =>
    stand.requests.filter((r) => r.path.endsWith(suffix)).length
  async function dueNow(postId: string) {
    await app.torget.database.db
      .updateTable('publications')
      .set({ due_at: new Date(Date.now() - 1000).toISOString() })
      .where('post_id', '=', postId)
      .execute()
  }

  let question: Item
  let answerTo: string

  it('reads a Facebook comment and its reply into Inkorg once, however often it polls', async () => {
    const postId = await publish('Sagostund på lördag klockan elva', channels.facebook)
    const comment = stand.comments.add({
      postId,
      text: 'Får man ta med syskon?',
      author: KIM,
      image: { url: 'https://scontent.stand-in.test/syskon.jpg', alt: '' },
    })
    stand.comments.add({
      postId,
      parentId: comment.id,
      text: 'Ja, det brukar gå bra!',
      author: ALEX,
    })
    expect(await read(channels.facebook)).toMatchObject({ interactions: 2, items: 2 })
    // Nothing new under the post: the second poll reads the feed and no comments at all.
    const commentReads = requestsTo('/comments')
    expect(await read(channels.facebook)).toMatchObject({ interactions: 0, items: 0 })
    expect(requestsTo('/comments')).toBe(commentReads)

    const list = await items(channels.facebook)
    expect(list.filter((i) => i.text === 'Får man ta med syskon?')).toHaveLength(1)
    question = list.find((i) => i.text === 'Får man ta med syskon?')!
    expect(question).toMatchObject({ kind: 'comment', state: 'new' })
    const detail = (await admin.get(`${base()}/inbox/items/${question.id}`)).body
    expect(detail.item.author).toMatchObject({ displayName: 'Kim Läsare' })
    expect(detail.item.subject).toMatchObject({ text: 'Sagostund på lördag klockan elva' })
    expect(detail.moderationActions).toEqual(['hide_reply', 'delete_comment'])
    // The photo on the comment is named for the archive to copy.
    const stored = await app.torget.database.db
      .selectFrom('interactions')
      .select('media')
      .where('remote_id', '=', comment.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(stored.media!)).toEqual([
      { kind: 'image', url: 'https://scontent.stand-in.test/syskon.jpg', alt: '' },
    ])

    // Only what is new arrives on the next poll, from where the last one stopped.
    stand.comments.add({ postId, text: 'Tack för tipset', author: ALEX })
    expect(await read(channels.facebook)).toMatchObject({ interactions: 1 })
    answerTo = comment.id
  })

  it('answers the comment from Inkorg exactly once, even when Meta’s answer is lost', async () => {
    stand.comments.faults.loseNextAnswer = true
    const sent = await admin.post(`${base()}/inbox/items/${question.id}/replies`, {
      version: question.version,
      text: 'Självklart, välkomna!',
    })
    expect(sent.status).toBe(201)
    const [first] = await runDue(app.torget)
    // The reply was made, but Torget never heard so: it must ask before trying again.
    expect(first!.outcome).toMatchObject({ kind: 'retry', state: 'unknown' })
    await dueNow(sent.body.postId)
    const [second] = await runDue(app.torget)
    expect(second!.outcome).toMatchObject({ kind: 'published' })
    const answers = stand.comments.comments.filter(
      (c) => c.parentId === answerTo && c.own && c.text === 'Självklart, välkomna!',
    )
    expect(answers).toHaveLength(1)
    const after = (await admin.get(`${base()}/inbox/items/${question.id}`)).body
    expect(after.item.state).toBe('answered')
    expect(after.replies[0]).toMatchObject({ state: 'published' })
    // The library's own answer is not read back as something to answer.
    await read(channels.facebook)
    expect((await items(channels.facebook)).some((i) => i.text === 'Självklart, välkomna!')).toBe(
      false,
    )
  })

  it('hides a comment on Facebook keeping the saved copy, unhides it, and deletes another', async () => {
    const rude = stand.comments.add({
      postId: stand.comments.comments.find((c) => c.id === answerTo)!.postId,
      text: 'Ni är värdelösa allihop',
      author: ALEX,
    })
    await read(channels.facebook)
    const item = await itemWith(channels.facebook, 'Ni är värdelösa allihop')
    const hidden = await admin.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'library_rules',
      reason: 'Ovårdat språk mot personalen',
    })
    expect(hidden.body).toMatchObject({ action: 'hide_reply', state: 'done' })
    expect(rude.hidden).toBe(true)
    const saved = await app.torget.database.db
      .selectFrom('moderation_actions')
      .select('snapshot')
      .where('id', '=', hidden.body.id)
      .executeTakeFirstOrThrow()
    expect(saved.snapshot).toContain('Ni är värdelösa allihop')

    const undone = await admin.post(
      `${base()}/inbox/items/${item.id}/moderation/${hidden.body.id}/undo`,
      {},
    )
    expect(undone.status).toBe(200)
    expect(rude.hidden).toBe(false)
    const detail = (await admin.get(`${base()}/inbox/items/${item.id}`)).body
    expect(detail.moderation[0]).toMatchObject({ state: 'undone' })
    expect(detail.item.moderatedAt).toBeNull()
    expect(detail.activity.map((a: { action: string }) => a.action)).toContain('moderation_undone')
    const again = await admin.post(
      `${base()}/inbox/items/${item.id}/moderation/${hidden.body.id}/undo`,
      {},
    )
    expect(again.body.error.code).toBe('moderation_not_undoable')

    const deleted = await admin.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'delete_comment',
      reasonCategory: 'library_rules',
      reason: 'Upprepade personangrepp',
    })
    expect(deleted.body).toMatchObject({ state: 'done' })
    expect(stand.comments.comments.some((c) => c.id === rude.id)).toBe(false)
    // Gone from Facebook, kept in Torget; a deletion cannot be undone.
    expect((await admin.get(`${base()}/inbox/items/${item.id}`)).body.item.text).toBe(
      'Ni är värdelösa allihop',
    )
    const undoDelete = await admin.post(
      `${base()}/inbox/items/${item.id}/moderation/${deleted.body.id}/undo`,
      {},
    )
    expect(undoDelete.body.error.code).toBe('moderation_not_undoable')
  })

  it('follows an edit and a deletion on Facebook, keeping the first text and the copy', async () => {
    const postId = stand.comments.comments.find((c) => c.id === answerTo)!.postId
    const edited = stand.comments.add({ postId, text: 'Öppnar ni kl 10?', author: KIM })
    const removed = stand.comments.add({ postId, text: 'Fel tråd, förlåt', author: ALEX })
    await read(channels.facebook)
    edited.text = 'Öppnar ni kl 11?'
    stand.comments.comments.splice(stand.comments.comments.indexOf(removed), 1)
    // Each comment is looked at again half an hour after its last look: that time has passed.
    await app.torget.database.db
      .updateTable('interactions')
      .set({ rechecked_at: new Date(Date.now() - 3_600_000).toISOString() })
      .where('channel_id', '=', channels.facebook)
      .execute()
    const batches = requestsTo('/')
    await read(channels.facebook)
    expect(requestsTo('/')).toBe(batches + 1)
    const now = await items(channels.facebook)
    const changed = now.find((i) => i.text === 'Öppnar ni kl 11?') as Item & { editedAt: string }
    expect(changed.editedAt).toBeTruthy()
    const gone = now.find((i) => i.text === 'Fel tråd, förlåt') as Item & { deletedAt: string }
    expect(gone.deletedAt).toBeTruthy()
  })

  it('reads Instagram comments with their replies, answers under the comment and hides one', async () => {
    const mediaId = await publish('Nya serier i hyllan', channels.instagram, true)
    const top = stand.comments.add({
      postId: mediaId,
      text: 'Har ni Lumberjanes?',
      author: { id: '9001', name: 'serienorden' },
    })
    stand.comments.add({
      postId: mediaId,
      parentId: top.id,
      text: 'Jag lånade den förra veckan',
      author: { id: '9002', name: 'bokmalen' },
    })
    expect(await read(channels.instagram)).toMatchObject({ interactions: 2 })
    expect(await read(channels.instagram)).toMatchObject({ interactions: 0 })
    const item = await itemWith(channels.instagram, 'Jag lånade den förra veckan')
    expect(item.kind).toBe('comment')

    // An answer to a reply goes under its top-level comment: Instagram threads one level deep.
    const sent = await admin.post(`${base()}/inbox/items/${item.id}/replies`, {
      version: item.version,
      text: 'Hoppas den var bra!',
    })
    expect(sent.status).toBe(201)
    await runDue(app.torget)
    expect(
      stand.comments.comments.filter((c) => c.own && c.text === 'Hoppas den var bra!'),
    ).toMatchObject([{ parentId: top.id }])

    const hidden = await admin.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'library_rules',
      reason: 'Utanför ämnet',
    })
    expect(hidden.body).toMatchObject({ state: 'done' })
    expect(
      stand.comments.comments.find((c) => c.text === 'Jag lånade den förra veckan')!.hidden,
    ).toBe(true)
  })

  it('reads every reply under an Instagram comment, past the first 25 that come with it', async () => {
    const mediaId = stand.media.find((m) => m.text === 'Nya serier i hyllan')!.id
    const top = stand.comments.add({
      postId: mediaId,
      text: 'Vilka serier vill ni ha fler av?',
      author: { id: '9003', name: 'bibblanfan' },
    })
    for (let i = 1; i <= 30; i++)
      stand.comments.add({
        postId: mediaId,
        parentId: top.id,
        text: `Förslag ${i}`,
        author: { id: `91${i}`, name: `lasare${i}` },
      })
    const pagesOfReplies = requestsTo('/replies')
    expect(await read(channels.instagram)).toMatchObject({ interactions: 31 })
    expect(requestsTo('/replies')).toBeGreaterThan(pagesOfReplies)
    const texts = (await items(channels.instagram)).map((i) => i.text)
    expect(texts).toEqual(expect.arrayContaining(['Förslag 1', 'Förslag 26', 'Förslag 30']))
  })

  it('reads a Page post with more comments than one read takes in two reads, keeping no Graph cursor', async () => {
    const postId = await publish('Vad ska vi köpa in till hösten?', channels.facebook)
    for (let i = 1; i <= 520; i++)
      stand.comments.add({ postId, text: `Önskemål ${i}`, author: { id: `77${i}`, name: `L${i}` } })
    const first = await read(channels.facebook)
    expect(first!.interactions).toBeGreaterThanOrEqual(500)
    const second = await read(channels.facebook)
    expect(first!.interactions + second!.interactions).toBe(520)
    const { n } = await app.torget.database.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel_id', '=', channels.facebook)
      .where('text', 'like', 'Önskemål %')
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBe(520)
    // Meta's cursors are not to be kept ("your app shouldn't store cursors"): only times are.
    const { cursor } = await app.torget.database.db
      .selectFrom('channel_cursors')
      .select('cursor')
      .where('channel_id', '=', channels.facebook)
      .executeTakeFirstOrThrow()
    for (const state of Object.values(
      (JSON.parse(cursor!) as { posts: Record<string, object> }).posts,
    ))
      expect(Object.keys(state).every((k) => ['u', 't', 'c', 'r'].includes(k))).toBe(true)
  })

  it('reads Threads replies, answers with a reply container and hides; deleting is not offered', async () => {
    const threadId = await publish('Vad läser ni i sommar?', channels.threads)
    const reply = stand.comments.add({
      postId: threadId,
      text: 'Deckare, som vanligt',
      author: { id: '8001', name: 'deckarfantast' },
      image: { url: 'https://scontent.stand-in.test/hylla.jpg', alt: 'En hylla med deckare' },
    })
    expect(await read(channels.threads)).toMatchObject({ interactions: 1 })
    const item = await itemWith(channels.threads, 'Deckare, som vanligt')
    expect(item.kind).toBe('reply')
    const stored = await app.torget.database.db
      .selectFrom('interactions')
      .select('media')
      .where('remote_id', '=', reply.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(stored.media!)).toMatchObject([{ alt: 'En hylla med deckare' }])
    const detail = (await admin.get(`${base()}/inbox/items/${item.id}`)).body
    expect(detail.moderationActions).toEqual(['hide_reply'])

    await admin.post(`${base()}/inbox/items/${item.id}/replies`, {
      version: item.version,
      text: 'Tips: Kristina Ohlsson!',
    })
    await runDue(app.torget)
    expect(stand.comments.comments.filter((c) => c.own && c.parentId === reply.id)).toHaveLength(1)
    // The answer is a reply, not a post of its own on the profile.
    expect(stand.media.some((m) => m.text === 'Tips: Kristina Ohlsson!')).toBe(false)

    const refused = await admin.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'delete_comment',
      reasonCategory: 'library_rules',
      reason: 'Går inte på Threads',
    })
    expect(refused.body.error.code).toBe('moderation_not_allowed')
    await admin.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'library_rules',
      reason: 'Reklam',
    })
    expect(reply.hidden).toBe(true)
  })

  it('says on the channel’s card when Meta stops showing its comments, and stops saying so once it does again', async () => {
    SCOPES.splice(SCOPES.indexOf('instagram_manage_comments'), 1)
    const card = async () =>
      (await admin.get(`${base()}/channels`)).body.find(
        (c: { id: string }) => c.id === channels.instagram,
      )
    // The post's comments count moves, so the next read asks for them.
    stand.comments.add({
      postId: stand.media.find((m) => m.text === 'Nya serier i hyllan')!.id,
      text: 'Och mangan?',
      author: { id: '9004', name: 'mangaklubben' },
    })
    expect(await read(channels.instagram)).toBeUndefined()
    expect(await card()).toMatchObject({ health: 'ok', healthWarning: 'comments_unreadable' })
    SCOPES.push('instagram_manage_comments')
    expect(await read(channels.instagram)).toMatchObject({ interactions: 1 })
    expect(await card()).toMatchObject({ health: 'ok', healthWarning: null })
  })

  describe('webhooks', () => {
    const hook = '/api/v1/webhooks/meta'
    const sign = (body: string, secret = META_APP_SECRET) =>
      `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`
    const post = (body: string, signature?: string) =>
      app.torget.http.request(hook, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(signature && { 'X-Hub-Signature-256': signature }),
        },
        body,
      })

    it('answers Meta’s subscription check only with the configured verify token', async () => {
      const ok = await app.torget.http.request(
        `${hook}?hub.mode=subscribe&hub.verify_token=${META_VERIFY_TOKEN}&hub.challenge=1158201444`,
      )
      expect(ok.status).toBe(200)
      expect(await ok.text()).toBe('1158201444')
      const wrong = await app.torget.http.request(
        `${hook}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`,
      )
      expect(wrong.status).toBe(403)
    })

    it('subscribes the Page to Meta’s webhooks when it is connected', () => {
      expect(stand.subscriptions.get('1001')).toEqual(['feed'])
      expect(stand.requests.find((r) => r.path === '/1001/subscribed_apps')).toBeDefined()
    })

    it('reads the Page at once on a signed event, and refuses a bad signature with 401', async () => {
      const later = new Date(Date.now() + 3_600_000).toISOString()
      await app.torget.database.db
        .updateTable('channel_cursors')
        .set({ next_read_at: later })
        .where('channel_id', '=', channels.facebook)
        .execute()
      const event = JSON.stringify({
        object: 'page',
        entry: [
          {
            id: '1001',
            time: 1_760_000_000,
            changes: [{ field: 'feed', value: { item: 'comment', verb: 'add' } }],
          },
        ],
      })
      const forged = await post(event, sign(event, 'f'.repeat(32)))
      expect(forged.status).toBe(401)
      expect((await post(event)).status).toBe(401)
      expect((await post('{not json', 'sha256=zz')).status).toBe(401)
      const nextRead = async () =>
        (
          await app.torget.database.db
            .selectFrom('channel_cursors')
            .select('next_read_at')
            .where('channel_id', '=', channels.facebook)
            .executeTakeFirstOrThrow()
        ).next_read_at
      expect(await nextRead()).toBe(later)

      const good = await post(event, sign(event))
      expect(good.status).toBe(200)
      expect(await good.json()).toEqual({ channels: 1 })
      expect(Date.parse(await nextRead())).toBeLessThanOrEqual(Date.now())
      expect((await post('{not json', sign('{not json'))).status).toBe(400)
    })
  })
})

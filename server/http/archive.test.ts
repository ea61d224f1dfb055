import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveEntry } from '../../core/archive/entry.js'
import { sha256Hex } from '../services/archive/chain.js'
import { ACTIVITY_CONSUMER, INGEST_CONSUMER } from '../services/archive/capture-service.js'
import { describeReport } from '../cli/archive.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { interaction } from '../test/inbox.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
)

describe.each(await availableDialects())('the public-records archive on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let reader: TestClient
  let libraryId: string
  let channelId: string
  let post: { id: string; remoteId: string }
  let received: ArchiveEntry
  const network = loopbackNetwork()
  const base = () => `/api/v1/libraries/${libraryId}`
  const entries = async (query = '') =>
    (await admin.get(`${base()}/archive/entries${query}`)).body.items as ArchiveEntry[]
  const capture = () => app.torget.services.archiveCapture.captureDue()
  const db = () => app.torget.database.db
  const count = async () =>
    Number(
      (
        await db()
          .selectFrom('archive_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('library_id', '=', libraryId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const verify = async () => (await app.torget.services.archive.verify(libraryId))[0]!

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    reader = (await addMember(app, admin, libraryId, 'reader', 'lisa@bibliotek.test')).client
    channelId = (
      await admin.post(`${base()}/channels/bluesky`, {
        identifier: 'stadsbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      })
    ).body.id
    await app.torget.startWorker()
  })
  afterAll(async () => app?.close())

  it('keeps a published post once, with its image bytes, alt text, network id and who wrote and published it', async () => {
    const draft = (
      await admin.post(`${base()}/posts`, {
        text: 'Sagostund på lördag! Läs mer: https://bibliotek.test/sagostund.',
        channelIds: [channelId],
      })
    ).body
    const withImage = (await admin.upload(`${base()}/posts/${draft.id}/images`, PNG, 'image/png'))
      .body
    const described = (
      await admin.patch(`${base()}/posts/${draft.id}/images/${withImage.images[0].id}`, {
        alt: 'Barn som lyssnar på en saga',
      })
    ).body
    const scheduled = await admin.post(`${base()}/posts/${draft.id}/schedule`, {
      at: new Date().toISOString(),
      version: described.version,
    })
    expect(scheduled.status).toBe(200)
    await app.torget.publishingDrained()
    const published = (await admin.get(`${base()}/posts/${draft.id}`)).body
    expect(published.state).toBe('published')
    const publication = published.publications[0]

    // What was uploaded, as Torget stored it for the post (uploads are re-encoded).
    const [image] = await db()
      .selectFrom('post_images')
      .select('data')
      .where('post_id', '=', draft.id)
      .execute()
    const bytes = Buffer.from(image!.data)
    const kept = await entries('?kind=post_published')
    expect(kept).toHaveLength(1)
    const entry = kept[0]!
    expect(entry).toMatchObject({
      recordClass: 'upprattad',
      subject: `post:${publication.id}`,
      channelId,
      network: 'bluesky',
      remoteId: `loop:${publication.id}`,
      url: publication.url,
      seq: 1,
    })
    expect(entry.content).toMatchObject({
      kind: 'post_published',
      text: 'Sagostund på lördag! Läs mer: https://bibliotek.test/sagostund.',
      link: 'https://bibliotek.test/sagostund',
      inReplyTo: null,
      media: [
        {
          sha256: sha256Hex(bytes),
          mimeType: 'image/png',
          byteSize: bytes.byteLength,
          alt: 'Barn som lyssnar på en saga',
        },
      ],
    })
    // The Ansvarig wrote it and scheduled it at once, which approves it.
    const content = entry.content as Extract<ArchiveEntry['content'], { kind: 'post_published' }>
    expect(content.writtenBy?.name).toBeTruthy()
    expect(content.publishedBy).toEqual(content.writtenBy)
    expect(content.approvedBy).toEqual([{ ...content.writtenBy, at: expect.any(String) }])
    const media = await app.torget.services.store.repos.archive.media(libraryId, sha256Hex(bytes))
    expect(Buffer.from(media!.data).equals(bytes)).toBe(true)
    post = { id: draft.id, remoteId: entry.remoteId! }

    // The post's own images go with it; the archive's copy stays.
    await db().deleteFrom('post_images').where('post_id', '=', draft.id).execute()
    expect(
      await app.torget.services.store.repos.archive.media(libraryId, sha256Hex(bytes)),
    ).toBeTruthy()
  })

  it('keeps a received reply as first written, and its deletion on the network as an entry referring to it', async () => {
    const reply = interaction({
      kind: 'reply',
      text: 'Får man ta med syskon?',
      subjectRemoteId: post.remoteId,
      rootRemoteId: post.remoteId,
      parentRemoteId: post.remoteId,
      author: {
        remoteId: 'did:example:karin',
        handle: 'karin.example',
        displayName: 'Karin Å',
        profileUrl: 'https://example.test/karin',
      },
    })
    network.receive(reply)
    await app.torget.services.ingest.readChannel(libraryId, channelId)
    await capture()
    const [item] = await entries('?kind=item_received')
    expect(item).toMatchObject({
      recordClass: 'inkommen',
      remoteId: reply.remoteId,
      person: { remoteId: 'did:example:karin', handle: 'karin.example', name: 'Karin Å' },
      content: { kind: 'item_received', itemKind: 'reply', text: 'Får man ta med syskon?' },
    })
    received = item!

    // The author edits, then deletes; each is seen on a later look.
    const channel = (await app.torget.services.store.repos.channels.find(libraryId, channelId))!
    const recheck = async () => {
      await db()
        .updateTable('interactions')
        .set({ rechecked_at: new Date(Date.now() - 3_600_000).toISOString() })
        .execute()
      await app.torget.services.ingest.recheck(channel)
    }
    network.setRemoteState(reply.remoteId, { state: 'present', text: 'Får man ta med hunden?' })
    await recheck()
    network.setRemoteState(reply.remoteId, { state: 'deleted' })
    await recheck()
    await capture()

    const detail = (await admin.get(`${base()}/archive/entries/${received.id}`)).body
    expect(detail.subject.map((e: ArchiveEntry) => e.kind)).toEqual([
      'item_received',
      'item_edited',
      'item_deleted',
    ])
    expect(detail.subject.slice(1).map((e: ArchiveEntry) => e.refersTo)).toEqual([
      received.id,
      received.id,
    ])
    expect(detail.subject[0].content.text).toBe('Får man ta med syskon?')
    expect(detail.subject[1].content.text).toBe('Får man ta med hunden?')
    // The conversation as archived: the library's post and the reply under it.
    expect(detail.conversation.map((e: ArchiveEntry) => e.kind)).toEqual(
      expect.arrayContaining(['post_published', 'item_received', 'item_deleted']),
    )
  })

  it('captures nothing twice: run again, or after a crash between appending and saving its place', async () => {
    const before = await count()
    await capture()
    expect(await count()).toBe(before)
    // A crash after the entries were appended and before the positions were saved.
    const repos = app.torget.services.store.repos
    await repos.archive.savePosition(INGEST_CONSUMER, 0, new Date().toISOString())
    await repos.archive.savePosition(ACTIVITY_CONSUMER, 0, new Date().toISOString())
    await capture()
    expect(await count()).toBe(before)
    expect(await verify()).toMatchObject({ ok: true, entries: before })
  })

  it('finds entries by person, text, kind and period, page by page, for those who may read the archive', async () => {
    expect((await entries('?person=karin.example')).map((e) => e.kind).sort()).toEqual([
      'item_deleted',
      'item_edited',
      'item_received',
    ])
    expect(await entries('?person=did:example:karin')).toHaveLength(3)
    expect((await entries('?q=SYSKON')).map((e) => e.kind)).toEqual(['item_received'])
    expect(await entries('?q=100%25')).toHaveLength(0)
    expect(await entries(`?channel=${channelId}&kind=post_published`)).toHaveLength(1)
    expect(await entries('?to=2000-01-01')).toHaveLength(0)
    const backwards = await admin.get(`${base()}/archive/entries?from=2025-02-01&to=2025-01-01`)
    expect(backwards.status).toBe(400)

    const refused = await reader.get(`${base()}/archive/entries`)
    expect(refused.status).toBe(403)
    const missing = await admin.get(`${base()}/archive/entries/no-such-entry`)
    expect([missing.status, missing.body.error.code]).toEqual([404, 'archive_entry_not_found'])
    expect(missing.body.error.message).toBe('Posten finns inte i arkivet.')
  })

  it('keeps a moderation with its legal ground, and the policy version when approved', async () => {
    const abuse = interaction({
      kind: 'reply',
      text: 'Något olagligt',
      rootRemoteId: post.remoteId,
    })
    network.receive(abuse)
    await app.torget.services.ingest.readChannel(libraryId, channelId)
    const item = (await admin.get(`${base()}/inbox/items?q=olagligt`)).body.items[0]
    const moderated = await admin.post(`${base()}/inbox/items/${item.id}/moderation`, {
      action: 'hide_reply',
      reasonCategory: 'agitation_against_group',
      reason: 'Hets mot folkgrupp',
    })
    expect(moderated.status).toBe(201)
    await capture()
    const [moderation] = await entries('?kind=moderation')
    const [original] = await entries(`?kind=item_received&person=${abuse.author.remoteId}`)
    expect(moderation).toMatchObject({
      refersTo: original!.id,
      content: {
        action: 'hide_reply',
        reason: 'agitation_against_group',
        note: 'Hets mot folkgrupp',
        by: { name: expect.any(String) },
      },
    })

    const draft = (await admin.get(`${base()}/strategy`)).body.draft
    const saved = await admin.patch(`${base()}/strategy/draft`, {
      version: draft.version,
      document: draft.document,
    })
    const version = await admin.post(`${base()}/strategy/versions`, {
      draftVersion: saved.body.version,
    })
    expect(
      (await admin.post(`${base()}/strategy/versions/${version.body.id}/approve`)).status,
    ).toBe(200)
    const [policy] = await entries('?kind=policy_version')
    expect(policy).toMatchObject({
      recordClass: 'upprattad',
      content: { policyId: version.body.id, version: version.body.number },
    })
  })

  it('verifies a whole chain, and names the first entry changed or removed', async () => {
    const whole = await verify()
    expect(whole.ok).toBe(true)
    expect(describeReport(whole)).toContain(`${whole.entries} entries checked`)

    // One byte of the reply's text, changed in the database behind Torget's back.
    const row = (await app.torget.services.store.repos.archive.find(libraryId, received.id))!
    await db()
      .updateTable('archive_entries')
      .set({ content: row.content!.replace('syskon', 'sySkon') })
      .where('id', '=', received.id)
      .execute()
    const changed = await verify()
    expect(changed).toMatchObject({ ok: false, brokenAt: received.seq })
    expect(describeReport(changed)).toContain(`BROKEN at entry ${received.seq}`)
    expect(describeReport(changed)).toContain('was changed after it was archived')
    await db()
      .updateTable('archive_entries')
      .set({ content: row.content })
      .where('id', '=', received.id)
      .execute()
    expect((await verify()).ok).toBe(true)

    // An entry removed from the middle, then the last one.
    await db().deleteFrom('archive_entries').where('id', '=', received.id).execute()
    expect(await verify()).toMatchObject({ ok: false, brokenAt: received.seq })
    await db().insertInto('archive_entries').values(row).execute()
    const last = (await db()
      .selectFrom('archive_entries')
      .selectAll()
      .where('library_id', '=', libraryId)
      .orderBy('seq', 'desc')
      .executeTakeFirst())!
    await db().deleteFrom('archive_entries').where('id', '=', last.id).execute()
    const cut = await verify()
    expect(cut).toMatchObject({ ok: false, brokenAt: Number(last.seq) })
    expect(cut.ok || cut.problem).toContain('missing from the end')
    // As it was: PostgreSQL generates search_head itself (migration 043).
    const { search_head: _head, ...lastAsStored } = last as typeof last & { search_head?: unknown }
    await db().insertInto('archive_entries').values(lastAsStored).execute()
    expect((await verify()).ok).toBe(true)
  })
})

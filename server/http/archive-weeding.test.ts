import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveContent } from '../../core/archive/entry.js'
import { appendEntries, sha256Hex } from '../services/archive/chain.js'
import type { EntryDraft } from '../services/archive/chain.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { seedInboxItems } from '../test/inbox.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'

const KARIN = { remoteId: 'did:example:karin', handle: 'karin.example', name: 'Karin Å' }
const OLLE = { remoteId: 'did:example:olle', handle: 'olle.example', name: 'Olle' }
const IMAGE = new Uint8Array([1, 2, 3, 4])
const IMAGE_SHA = sha256Hex(IMAGE)

describe.each(await availableDialects())('weeding and personal data on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let editor: TestClient
  let libraryId: string
  let channelA: string
  let channelB: string
  const ids: Record<string, string> = {}
  const rules: Record<string, string> = {}
  const network = loopbackNetwork()
  const base = () => `/api/v1/libraries/${libraryId}`
  const repos = () => app.torget.services.store.repos
  const rowCount = async () => (await repos().archive.chain(libraryId, 0, 10_000)).length
  const recent = new Date(Date.now() - 86_400_000).toISOString()

  function received(
    name: string,
    channelId: string,
    at: string,
    person: typeof KARIN,
    media = false,
  ): EntryDraft {
    const content: ArchiveContent = {
      kind: 'item_received',
      interactionId: name,
      itemKind: 'reply',
      text: `Kommentar ${name}`,
      author: person,
      subjectRemoteId: null,
      rootRemoteId: null,
      parentRemoteId: null,
      media: media ? [{ sha256: IMAGE_SHA, mimeType: 'image/png', byteSize: 4, alt: '' }] : [],
    }
    return {
      kind: 'item_received',
      subject: `item:${name}`,
      captureKey: name,
      refersTo: null,
      channelId,
      network: 'bluesky',
      remoteId: `remote:${name}`,
      url: null,
      threadRoot: null,
      occurredAt: at,
      person,
      content,
    }
  }

  beforeAll(async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: network.adapter } })
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    editor = (await addMember(app, admin, libraryId, 'editor', 'erik@bibliotek.test')).client
    const connect = async (identifier: string) =>
      (
        await admin.post(`${base()}/channels/bluesky`, {
          identifier,
          appPassword: 'abcd-efgh-ijkl',
        })
      ).body.id as string
    channelA = await connect('stadsbiblioteket.test')
    channelB = await connect('filial.test')
    const drafts: EntryDraft[] = [
      received('e1', channelA, '2020-01-10T10:00:00.000Z', KARIN, true),
      received('e2', channelA, '2020-02-10T10:00:00.000Z', OLLE),
      {
        ...received('e3', channelA, '2020-01-15T10:00:00.000Z', KARIN),
        kind: 'policy_version',
        subject: 'policy:p1:1',
        person: null,
        content: {
          kind: 'policy_version',
          policyId: 'p1',
          version: 1,
          approvedBy: null,
          text: 'Policy',
        },
      },
      received('e4', channelB, '2020-01-20T10:00:00.000Z', KARIN),
      received('e5', channelA, recent, KARIN),
    ]
    await app.torget.services.store.transaction(async (r) => {
      const made = await appendEntries(r, libraryId, drafts, new Date().toISOString())
      drafts.forEach(
        (d, i) =>
          (ids[`e${i + 1}`] = made.get(`${d.kind}\u0000${d.subject}\u0000${d.captureKey}`)!),
      )
      await r.archive.storeMedia({
        library_id: libraryId,
        sha256: IMAGE_SHA,
        mime_type: 'image/png',
        byte_size: 4,
        data: IMAGE,
        stored_at: new Date().toISOString(),
      })
    })
    const rule = async (body: object) =>
      (await admin.post(`${base()}/archive/retention-rules`, body)).body.id as string
    rules.received = await rule({
      name: 'Inkomna kommentarer',
      recordClass: 'inkommen',
      retention: { type: 'months', months: 12 },
    })
    rules.branch = await rule({
      name: 'Filialens konto',
      channelId: channelB,
      retention: { type: 'years', years: 100 },
    })
    rules.drawnUp = await rule({
      name: 'Upprättade',
      recordClass: 'upprattad',
      retention: { type: 'permanent' },
    })
    const hold = await admin.post(`${base()}/archive/holds`, {
      reason: 'JO-anmälan 2020',
      person: OLLE.handle,
    })
    expect(hold.status).toBe(201)
    ids.hold = hold.body.id
  })
  afterAll(async () => app?.close())

  const decision = (extra: object = {}) => ({
    reference: 'KS 2025/17',
    ruleIds: [rules.received, rules.drawnUp],
    from: '2019-01-01',
    to: '2030-12-31',
    ...extra,
  })

  it('previews what a decision would remove, and what it holds back and why: the longest rule, permanence, a hold', async () => {
    const preview = await admin.post(`${base()}/archive/weeding/preview`, decision())
    expect(preview.status).toBe(200)
    expect(preview.body.remove.map((e: { entryId: string }) => e.entryId)).toEqual([ids.e1])
    const why = Object.fromEntries(
      preview.body.heldBack.map(
        (e: { entryId: string; reasons: { type: string; ruleName?: string }[] }) => [
          e.entryId,
          e.reasons.map((r) => `${r.type}${r.ruleName ? `:${r.ruleName}` : ''}`),
        ],
      ),
    )
    expect(why).toEqual({
      [ids.e2!]: ['legal_hold'],
      [ids.e3!]: ['permanent:Upprättade'],
      // Twelve months have passed, but the branch's rule of a hundred years also covers it.
      [ids.e4!]: ['not_expired:Filialens konto'],
      [ids.e5!]: ['not_expired:Inkomna kommentarer'],
    })
  })

  it('holds back what an open request for public records collected, until it is answered', async () => {
    const request = await admin.post(`${base()}/archive/requests`, {
      diarienummer: 'KS 2025/40',
      receivedAt: '2025-03-01T09:00:00Z',
    })
    expect(request.status).toBe(201)
    await admin.post(`${base()}/archive/requests/${request.body.id}/items`, { entryIds: [ids.e1] })
    const held = await admin.post(`${base()}/archive/weeding/preview`, decision())
    expect(held.body.remove).toEqual([])
    expect(
      held.body.heldBack.find((e: { entryId: string }) => e.entryId === ids.e1).reasons,
    ).toEqual([{ type: 'open_request', requestId: request.body.id, text: 'KS 2025/40' }])
    const refused = await admin.post(`${base()}/archive/requests/${request.body.id}/decision`, {
      outcome: 'refused',
      note: 'Sekretess enligt OSL',
    })
    expect(refused.status).toBe(200)
    const free = await admin.post(`${base()}/archive/weeding/preview`, decision())
    expect(free.body.remove.map((e: { entryId: string }) => e.entryId)).toEqual([ids.e1])
  })

  it('refuses bad input with a clear error, and a reader cannot decide', async () => {
    const unknown = await admin.post(
      `${base()}/archive/weeding/preview`,
      decision({ ruleIds: ['nope'] }),
    )
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'archive_rule_not_found'])
    const backwards = await admin.post(
      `${base()}/archive/weeding/decisions`,
      decision({ from: '2025-02-01', to: '2025-01-01' }),
    )
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'archive_period_invalid'])
    expect(backwards.body.error.message).toContain('med slutdatumet på eller efter startdatumet')
    const nothing = await admin.post(
      `${base()}/archive/weeding/decisions`,
      decision({ from: '1990-01-01', to: '1990-12-31' }),
    )
    expect([nothing.status, nothing.body.error.code]).toEqual([422, 'archive_decision_empty'])
    const noReference = await admin.post(
      `${base()}/archive/weeding/decisions`,
      decision({ reference: ' ' }),
    )
    expect(noReference.status).toBe(400)
    const badChannel = await admin.post(`${base()}/archive/retention-rules`, {
      name: 'x',
      channelId: 'none',
      retention: { type: 'permanent' },
    })
    expect([badChannel.status, badChannel.body.error.code]).toEqual([
      400,
      'archive_rule_target_unknown',
    ])
    expect((await editor.post(`${base()}/archive/weeding/decisions`, decision())).status).toBe(403)
    expect((await editor.get(`${base()}/archive/retention-rules`)).status).toBe(200)
  })

  it('weeds exactly what it covers, lists it by hash, drops its unshared media, and the chain still verifies', async () => {
    const before = await rowCount()
    const [e1] = await repos().archive.chain(libraryId, 0, 1)
    const done = await admin.post(
      `${base()}/archive/weeding/decisions`,
      decision({ note: 'Enligt dokumenthanteringsplan' }),
    )
    expect(done.status).toBe(201)
    expect(done.body).toMatchObject({ reference: 'KS 2025/17', entryCount: 1 })
    expect(done.body.entries).toEqual([
      {
        entryId: ids.e1,
        seq: 1,
        kind: 'item_received',
        occurredAt: e1!.occurred_at,
        contentHash: e1!.content_hash,
        hash: e1!.hash,
      },
    ])
    const entry = (await admin.get(`${base()}/archive/entries/${ids.e1}`)).body.entry
    expect([entry.content, entry.weededBy, entry.hash]).toEqual([null, done.body.id, e1!.hash])
    for (const other of [ids.e2, ids.e3, ids.e4, ids.e5])
      expect(
        (await admin.get(`${base()}/archive/entries/${other}`)).body.entry.content,
      ).not.toBeNull()
    expect(await repos().archive.media(libraryId, IMAGE_SHA)).toBeUndefined()
    expect(await rowCount()).toBe(before)
    expect((await app.torget.services.archive.verify(libraryId))[0]).toMatchObject({
      ok: true,
      entries: before,
      weeded: 1,
    })
    const again = await admin.post(`${base()}/archive/weeding/decisions`, decision())
    expect([again.status, again.body.error.code]).toEqual([409, 'archive_decision_reference_taken'])
    const listed = await editor.get(`${base()}/archive/weeding/decisions/${done.body.id}`)
    expect(listed.body.entries.map((e: { hash: string }) => e.hash)).toEqual([e1!.hash])
    // The Ansvarig answers for it: the decision and the hold before it are in the audit log.
    const audit = (await admin.get(`${base()}/audit`)).body.items as {
      action: string
      target: { label: string } | null
    }[]
    expect(
      audit.filter((a) => a.action.startsWith('archive.')).map((a) => [a.action, a.target?.label]),
    ).toEqual([
      ['archive.weeding_decided', 'KS 2025/17'],
      ['archive.hold_placed', 'JO-anmälan 2020'],
    ])
  })

  it('weeds what a hold kept once the hold is lifted', async () => {
    expect((await admin.post(`${base()}/archive/holds/${ids.hold}/lift`)).body.active).toBe(false)
    const second = await admin.post(
      `${base()}/archive/weeding/decisions`,
      decision({ reference: 'KS 2025/18' }),
    )
    expect(second.body.entries.map((e: { entryId: string }) => e.entryId)).toEqual([ids.e2])
    expect((await app.torget.services.archive.verify(libraryId))[0]).toMatchObject({
      ok: true,
      weeded: 2,
    })
  })

  it("reports the month's captured, weeded, deleted and moderated items", async () => {
    const month = new Date().toISOString().slice(0, 7)
    const report = await editor.get(`${base()}/archive/report?month=${month}`)
    expect(report.status).toBe(200)
    expect(report.body).toMatchObject({
      captured: { total: 4, byClass: { upprattad: 0, inkommen: 4 } },
      deletedOnNetwork: 0,
      moderated: 0,
      released: 0,
      weeded: 2,
    })
    expect((await editor.get(`${base()}/archive/report?month=2025-13`)).status).toBe(400)
  })

  it('finds a person across two channels, and erasure pseudonymises likes but keeps public records with the reason', async () => {
    const author = {
      remoteId: KARIN.remoteId,
      handle: KARIN.handle,
      displayName: KARIN.name,
      profileUrl: 'https://example.test/karin',
    }
    await seedInboxItems(app.torget, libraryId, channelA, [
      { kind: 'reply', text: 'Öppet i påsk?', author },
      { kind: 'like', text: '', author },
    ])
    await seedInboxItems(app.torget, libraryId, channelB, [{ kind: 'follow', text: '', author }])
    const extract = await admin.get(`${base()}/personal-data/account?handle=@karin.example`)
    expect(extract.status).toBe(200)
    expect(
      new Set(extract.body.interactions.map((i: { channelId: string }) => i.channelId)),
    ).toEqual(new Set([channelA, channelB]))
    expect(extract.body.archive.map((a: { entry: { id: string } }) => a.entry.id).sort()).toEqual(
      [ids.e1, ids.e4, ids.e5].sort(),
    )
    const e4 = extract.body.archive.find((a: { entry: { id: string } }) => a.entry.id === ids.e4)
    expect(e4.kept.text).toBe(
      'Allmän handling: inkommen 2020-01-20, gallras enligt regeln ”Filialens konto” tidigast 2120-01-20.',
    )
    const text = await admin.get(
      `${base()}/personal-data/account?remoteId=${KARIN.remoteId}&format=text`,
    )
    expect(text.body).toContain('Öppet i påsk?')

    const erased = await admin.post(`${base()}/personal-data/account/erase`, {
      handle: KARIN.handle,
    })
    expect(erased.status).toBe(200)
    expect(erased.body.pseudonymised.map((p: { kind: string }) => p.kind).sort()).toEqual([
      'follow',
      'like',
    ])
    const kept = erased.body.kept.find(
      (k: { kind: string; type: string }) => k.type === 'interaction',
    )
    expect(kept).toMatchObject({
      kind: 'reply',
      reason: { basis: 'public_record', rule: { id: rules.received } },
    })
    const after = await admin.get(`${base()}/personal-data/account?remoteId=${KARIN.remoteId}`)
    expect(after.body.interactions.map((i: { kind: string }) => i.kind)).toEqual(['reply'])
    expect(after.body.archive).toHaveLength(3)
    const missing = await admin.post(`${base()}/personal-data/account/erase`, {})
    expect([missing.status, missing.body.error.code]).toEqual([
      400,
      'personal_data_subject_missing',
    ])
  })

  it('keeps likes, reposts and follows only as counts after the retention, and a second run changes nothing', async () => {
    const author = {
      remoteId: 'did:example:sven',
      handle: 'sven.example',
      displayName: 'Sven',
      profileUrl: 'https://example.test/sven',
    }
    await seedInboxItems(app.torget, libraryId, channelA, [
      { kind: 'like', text: '', author, subjectRemoteId: 'post:1' },
      {
        kind: 'like',
        text: '',
        author: { ...author, remoteId: 'did:example:tor' },
        subjectRemoteId: 'post:1',
      },
      { kind: 'reply', text: 'Tack!', author },
    ])
    const db = app.torget.database.db
    await db
      .updateTable('interactions')
      .set({ received_at: '2024-03-01T12:00:00.000Z' })
      .where('library_id', '=', libraryId)
      .execute()
    expect(
      (await admin.patch(`${base()}/archive/settings`, { interactionRetentionDays: 30 })).status,
    ).toBe(200)
    await app.torget.services.interactionRetention.run()
    const counts = async () =>
      (await repos().personalData.counts(libraryId)).map(
        (c) => `${c.day} ${c.kind} ${c.subject_remote_id} ${c.count}`,
      )
    const first = await counts()
    expect(first).toContain('2024-03-01 like post:1 2')
    const left = await db
      .selectFrom('interactions')
      .select('kind')
      .where('library_id', '=', libraryId)
      .execute()
    expect(left.map((r) => r.kind).filter((k) => k !== 'reply')).toEqual([])
    await app.torget.services.interactionRetention.run()
    expect(await counts()).toEqual(first)
  })
})

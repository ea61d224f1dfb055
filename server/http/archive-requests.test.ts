import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveEntry } from '../../core/archive/entry.js'
import { canonicalJson } from '../../core/archive/hash.js'
import { sha256Hex } from '../services/archive/chain.js'
import { SEEDED, seedArchiveConversation } from '../test/archive-seed.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true })
  return text.replace(/\s+/g, ' ')
}

describe.each(await availableDialects())('requests for public records on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let editor: TestClient
  let writer: TestClient
  let libraryId: string
  let entries: ArchiveEntry[]
  let requestId: string
  const base = () => `/api/v1/libraries/${libraryId}/archive`
  const byKind = (kind: string) => entries.find((e) => e.kind === kind)!
  const reply = () =>
    entries.find((e) => e.kind === 'item_received' && e.person?.handle === 'karin.example')!

  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    editor = (await addMember(app, admin, libraryId, 'editor', 'erik@bibliotek.test')).client
    writer = (await addMember(app, admin, libraryId, 'writer', 'wilma@bibliotek.test')).client
    await app.torget.services.store.transaction((repos) =>
      seedArchiveConversation(repos, libraryId),
    )
    entries = (await admin.get(`${base()}/entries`)).body.items
    expect(entries).toHaveLength(5)
  })
  afterAll(async () => app?.close())

  it('lets a Redaktör register a request, anonymously, and refuses a second with the same diarienummer', async () => {
    const created = await editor.post(`${base()}/requests`, {
      diarienummer: 'KS 2026/117',
      receivedAt: '2026-05-06T08:15:00+02:00',
      description: 'Kommentarer om sagostunden i maj',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      diarienummer: 'KS 2026/117',
      requester: null,
      receivedAt: '2026-05-06T06:15:00.000Z',
      state: 'open',
      items: [],
      releases: [],
    })
    requestId = created.body.id

    const again = await editor.post(`${base()}/requests`, {
      diarienummer: 'KS 2026/117',
      receivedAt: '2026-05-06T08:15:00Z',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toBe('Det finns redan en begäran med det diarienumret.')
    editor.locale = 'en'
    const english = await editor.post(`${base()}/requests`, {
      diarienummer: 'KS 2026/117',
      receivedAt: '2026-05-06T08:15:00Z',
    })
    expect(english.body.error.message).toBe('A request with that registry number already exists.')
    editor.locale = 'sv'
  })

  it('answers bad input with a clear message, never a 500', async () => {
    for (const body of [
      { receivedAt: '2026-05-06T08:15:00Z' },
      { diarienummer: '   ', receivedAt: '2026-05-06T08:15:00Z' },
      { diarienummer: 'KS 1', receivedAt: 'i förrgår' },
      { diarienummer: 'KS 1', receivedAt: '2026-05-06T08:15:00Z', extra: true },
      { diarienummer: 'x'.repeat(101), receivedAt: '2026-05-06T08:15:00Z' },
    ]) {
      const res = await editor.post(`${base()}/requests`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.message).toBe('Några uppgifter behöver rättas.')
    }
    const unknown = await editor.post(`${base()}/requests/${requestId}/items`, {
      entryIds: ['finns-inte'],
    })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe('Posten finns inte i arkivet.')
    const missing = await editor.get(`${base()}/requests/finns-inte`)
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('Begäran om utlämnande finns inte.')
    const notCollected = await editor.post(`${base()}/requests/${requestId}/masks`, {
      entryId: reply().id,
      field: 'text',
      ground: 'OSL 26 kap. 1 §',
    })
    expect(notCollected.status).toBe(422)
    expect(notCollected.body.error.message).toBe(
      'Handlingen ingår inte i begäran. Lägg till den först.',
    )
    const empty = await admin.post(`${base()}/requests/${requestId}/releases`, { format: 'pdf' })
    expect(empty.status).toBe(422)
    expect(empty.body.error.message).toBe(
      'Lägg till minst en handling i begäran innan du lämnar ut.',
    )
  })

  it('collects the conversation and masks a name and the author, leaving the archived entries as they were', async () => {
    const added = await editor.post(`${base()}/requests/${requestId}/items`, {
      entryIds: entries.map((e) => e.id),
    })
    expect(added.status).toBe(200)
    // In chain order, each once, however often added.
    await editor.post(`${base()}/requests/${requestId}/items`, { entryIds: [reply().id] })
    const collected = (await editor.get(`${base()}/requests/${requestId}`)).body
    expect(collected.items.map((i: { entry: ArchiveEntry }) => i.entry.seq)).toEqual([
      1, 2, 3, 4, 5,
    ])

    const text = SEEDED.replyText
    const name = text.indexOf('Karin Å')
    const signature = text.indexOf('Karin Åberg')
    const masked = await editor.post(`${base()}/requests/${requestId}/masks`, {
      entryId: reply().id,
      field: 'text',
      ranges: [
        { start: name, end: name + 'Karin Å'.length },
        { start: signature, end: text.length },
      ],
      ground: 'OSL 26 kap. 1 §',
    })
    expect(masked.status).toBe(200)
    const author = await editor.post(`${base()}/requests/${requestId}/masks`, {
      entryId: reply().id,
      field: 'author',
      ground: 'OSL 26 kap. 1 §',
    })
    expect(author.status).toBe(200)
    const masks = author.body.items.find(
      (i: { entry: ArchiveEntry }) => i.entry.id === reply().id,
    ).masks
    expect(masks).toHaveLength(2)
    expect(masks.map((m: { field: string }) => m.field)).toEqual(['text', 'author'])
    expect(masks[0].by.name).toBeTruthy()

    const outside = await editor.post(`${base()}/requests/${requestId}/masks`, {
      entryId: reply().id,
      field: 'text',
      ranges: [{ start: 0, end: text.length + 5 }],
      ground: 'OSL 26 kap. 1 §',
    })
    expect(outside.status).toBe(422)
    expect(outside.body.error.message).toBe(
      'Det som ska maskeras finns inte i handlingen. Välj text ur handlingen igen.',
    )
    const noNote = await editor.post(`${base()}/requests/${requestId}/masks`, {
      entryId: byKind('post_published').id,
      field: 'note',
      ground: 'OSL 26 kap. 1 §',
    })
    expect(noNote.status).toBe(422)
  })

  it('lets only the Ansvarig release, and refuses writers a look at requests', async () => {
    const byEditor = await editor.post(`${base()}/requests/${requestId}/releases`, {
      format: 'json',
    })
    expect(byEditor.status).toBe(403)
    expect((await writer.get(`${base()}/requests`)).status).toBe(403)
    expect((await writer.get(`${base()}/requests/${requestId}`)).status).toBe(403)
    const bad = await admin.post(`${base()}/requests/${requestId}/releases`, { format: 'docx' })
    expect(bad.status).toBe(400)
  })

  it('releases JSON with the masked text replaced, hashes to check the rest, and the original untouched', async () => {
    const res = await admin.send('POST', `${base()}/requests/${requestId}/releases`, {
      format: 'json',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="utlamnande-KS-2026-117.json"',
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    const file = JSON.parse(new TextDecoder().decode(bytes))
    expect(file.request.diarienummer).toBe('KS 2026/117')
    expect(file.entries).toHaveLength(5)
    const released = file.entries.find((e: { id: string }) => e.id === reply().id)
    expect(released.content.text).toBe(
      'Min dotter [maskerat enligt OSL 26 kap. 1 §] har astma, finns det plats nära dörren? / [maskerat enligt OSL 26 kap. 1 §]',
    )
    expect(JSON.stringify(released)).not.toContain('karin')
    expect(JSON.stringify(released)).not.toContain('Karin')
    expect(released).toMatchObject({ masked: true, url: null, remoteId: null })
    expect(released.contentHash).toBe(reply().contentHash)
    // Unmasked records can be checked by anyone against the archive's hashes.
    for (const entry of file.entries.filter((e: { masked: boolean }) => !e.masked))
      expect(sha256Hex(canonicalJson(entry.content))).toBe(entry.contentHash)
    expect(
      file.entries.find(
        (e: { kind: string; masked: boolean }) => e.kind === 'item_received' && !e.masked,
      ).content.text,
    ).toBe(SEEDED.arabicText)

    // The archive still holds the reply as received, and its chain is whole.
    const original = (await admin.get(`${base()}/entries/${reply().id}`)).body.entry
    expect(original.content.text).toBe(SEEDED.replyText)
    expect(original.person.handle).toBe('karin.example')
    expect(original.hash).toBe(reply().hash)
    expect((await app.torget.services.archive.verify(libraryId))[0]).toMatchObject({ ok: true })

    const request = (await admin.get(`${base()}/requests/${requestId}`)).body
    expect(request.state).toBe('released')
    expect(request.releases).toHaveLength(1)
    expect(request.releases[0]).toMatchObject({
      id: res.headers.get('x-release-id'),
      format: 'json',
      fileSha256: sha256Hex(bytes),
      byteSize: bytes.byteLength,
      by: { name: 'Astrid Admin' },
    })
    expect(request.releases[0].entries).toEqual(
      entries.map((e) => ({ id: e.id, hash: e.hash })).reverse(),
    )
    expect(request.releases[0].maskIds).toHaveLength(2)
  })

  it('releases a readable PDF of the same records, masked, and logs it too', async () => {
    const res = await admin.send('POST', `${base()}/requests/${requestId}/releases`, {
      format: 'pdf',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await res.arrayBuffer())
    // pdf.js takes the buffer over: hash it first.
    const fileSha256 = sha256Hex(bytes)
    const text = await pdfText(bytes)
    expect(text).toContain('Utlämnade allmänna handlingar')
    expect(text).toContain('KS 2026/117')
    expect(text).toContain('Min dotter [maskerat enligt OSL 26 kap. 1 §] har astma')
    expect(text).toContain(SEEDED.postText)
    expect(text).toContain('Barn som lyssnar på en saga')
    expect(text).toContain(SEEDED.arabicText)
    expect(text).toContain('Uppgift om ett barns hälsa')
    expect(text).not.toContain('Karin')
    expect(text).toContain(reply().contentHash)

    const request = (await admin.get(`${base()}/requests/${requestId}`)).body
    expect(request.releases.map((r: { format: string }) => r.format)).toEqual(['json', 'pdf'])
    expect(request.releases[1].fileSha256).toBe(fileSha256)
    const audit = (await admin.get(`/api/v1/libraries/${libraryId}/audit`)).body.items
    expect(
      audit.filter((a: { action: string }) => a.action === 'export.archive_release'),
    ).toHaveLength(2)
  })

  it('keeps released contents fixed, and stops releasing once the request is closed', async () => {
    const late = await editor.post(`${base()}/requests/${requestId}/masks`, {
      entryId: byKind('post_published').id,
      field: 'text',
      ground: 'OSL 26 kap. 1 §',
    })
    expect(late.status).toBe(409)
    expect(late.body.error.message).toMatch(/^Begäran är inte längre öppen/)
    const refused = await admin.post(`${base()}/requests/${requestId}/decision`, {
      outcome: 'refused',
      note: 'Sekretess',
    })
    expect(refused.status).toBe(409)
    const closed = await admin.post(`${base()}/requests/${requestId}/decision`, {
      outcome: 'closed',
      note: 'Besvarad samma dag',
    })
    expect(closed.body).toMatchObject({ state: 'closed', decisionNote: 'Besvarad samma dag' })
    const after = await admin.post(`${base()}/requests/${requestId}/releases`, { format: 'json' })
    expect(after.status).toBe(409)
    expect(after.body.error.message).toBe('Begäran är avslutad. Inget mer kan lämnas ut under den.')
  })

  it('tells weeding which entries an open request holds', async () => {
    const open = await editor.post(`${base()}/requests`, {
      diarienummer: 'KS 2026/200',
      requester: 'Sven Svensson, sven@example.test',
      receivedAt: '2026-05-07T08:00:00Z',
    })
    await editor.post(`${base()}/requests/${open.body.id}/items`, { entryIds: [reply().id] })
    const repo = app.torget.services.store.repos.archiveRequests
    const ids = entries.map((e) => e.id)
    expect([...(await repo.entriesUnderOpenRequests(libraryId, ids))]).toEqual([reply().id])
    await admin.post(`${base()}/requests/${open.body.id}/decision`, {
      outcome: 'refused',
      note: 'Handlingen omfattas av sekretess enligt OSL 26 kap. 1 §. Beslutet kan överklagas.',
    })
    expect((await repo.entriesUnderOpenRequests(libraryId, ids)).size).toBe(0)
    const list = (await editor.get(`${base()}/requests`)).body.items
    expect(
      list.map((r: { diarienummer: string; state: string; itemCount: number }) => [
        r.diarienummer,
        r.state,
        r.itemCount,
      ]),
    ).toEqual([
      ['KS 2026/200', 'refused', 1],
      ['KS 2026/117', 'closed', 5],
    ])
  })
})

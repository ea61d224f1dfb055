import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../core/guidelines/policy.js'
import { starterStrategy } from '../../core/strategy/starter.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

describe.each(await availableDialects())('strategy and policy on %s', (dialect) => {
  let app: TestApp
  let admin: TestClient
  let editor: TestClient
  let reader: TestClient
  let readerId: string
  let libraryId: string
  let base: string
  beforeAll(async () => {
    app = await createTestApp(dialect)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    base = `/api/v1/libraries/${libraryId}`
    editor = (await addMember(app, admin, libraryId, 'editor', 'rut@bibliotek.test')).client
    const added = await addMember(app, admin, libraryId, 'reader', 'lasse@bibliotek.test')
    reader = added.client
    readerId = added.userId
  })
  afterAll(async () => app?.close())

  it('checks drafts against the defaults, and says so, until a policy is approved', async () => {
    const res = await reader.get(`${base}/guidelines`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      policy: JSON.parse(JSON.stringify(DEFAULT_POLICY)),
      source: 'default',
      versionId: null,
      approvedAt: null,
    })
    expect((await reader.get(`${base}/policy`)).body).toEqual({ policy: null })
    expect((await reader.get(`${base}/policy/markdown`)).body.error.code).toBe(
      'policy_not_approved',
    )
  })

  it('starts from Swedish starter text, and a second editor gets a conflict, not an overwrite', async () => {
    const first = await admin.get(`${base}/strategy`)
    expect(first.status).toBe(200)
    expect(first.body.draft.version).toBe(0)
    expect(first.body.draft.document.why.mission).toMatch(/Biblioteket finns för alla/)

    const document = structuredClone(first.body.draft.document)
    document.why.mission = 'Vi finns där människor är.'
    const saved = await admin.patch(`${base}/strategy/draft`, { version: 0, document })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ version: 1, updatedBy: { name: 'Astrid Admin' } })

    // The editor had opened the starter text too, and saves on top of it.
    const stale = await editor.patch(`${base}/strategy/draft`, {
      version: 0,
      document: { ...document, why: { ...document.why, mission: 'Annat' } },
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({
      code: 'strategy_version_conflict',
      message: expect.stringContaining('inget skrevs över'),
    })
    expect((await reader.get(`${base}/strategy`)).body.draft.document.why.mission).toBe(
      'Vi finns där människor är.',
    )

    const next = await editor.patch(`${base}/strategy/draft`, { version: 1, document })
    expect(next.body.version).toBe(2)
  })

  it('refuses a malformed document in the reader’s language, without a 500', async () => {
    const document = starterStrategy() as unknown as Record<string, unknown>
    const res = await admin.patch(`${base}/strategy/draft`, {
      version: 2,
      document: { ...document, goals: [{ goal: 'x'.repeat(5000) }], extra: true },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    const huge = await admin.patch(`${base}/strategy/draft`, {
      version: 2,
      document: {
        ...document,
        why: { mission: 'x', strengths: Array(500).fill('a'), weaknesses: [] },
      },
    })
    expect(huge.status).toBe(400)
    const badRules = await admin.patch(`${base}/strategy/draft`, {
      version: 2,
      document: {
        ...document,
        guidelines: { ...DEFAULT_POLICY, defaultAudience: 'finns-inte' },
      },
    })
    expect(badRules.status).toBe(400)
    expect(reader.locale).toBe('sv')
    const asReader = await reader.patch(`${base}/strategy/draft`, { version: 2, document })
    expect(asReader.body.error.code).toBe('forbidden')
  })

  let v1: string
  let v2: string
  it('makes versions, approves one, and the guideline checks follow the approved rules', async () => {
    const made = await editor.post(`${base}/strategy/versions`, { draftVersion: 2, note: 'Första' })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ number: 1, note: 'Första', approvedAt: null, current: false })
    v1 = made.body.id
    // Nothing changed since: the same version, not a copy.
    const again = await editor.post(`${base}/strategy/versions`, { draftVersion: 2 })
    expect(again.body.id).toBe(v1)
    expect((await editor.post(`${base}/strategy/versions`, { draftVersion: 1 })).status).toBe(409)

    expect((await editor.post(`${base}/strategy/versions/${v1}/approve`)).status).toBe(403)
    const approved = await admin.post(`${base}/strategy/versions/${v1}/approve`)
    expect(approved.body).toMatchObject({ current: true, approvedBy: { name: 'Astrid Admin' } })

    const draft = (await admin.get(`${base}/strategy`)).body.draft
    const document = structuredClone(draft.document)
    document.guidelines.rules['emoji-count'].maxCount = 1
    document.guidelines.forbiddenWords.push({ phrase: 'tråkig', instead: 'lugn', exact: false })
    document.guidelines.allowedContacts = ['08-123 456 78', 'info@bibliotek.test']
    await admin.patch(`${base}/strategy/draft`, { version: draft.version, document })
    const second = await admin.post(`${base}/strategy/versions`, {
      draftVersion: draft.version + 1,
    })
    v2 = second.body.id
    expect(second.body.number).toBe(2)

    // Version 1 is still the one in force until version 2 is approved.
    expect((await reader.get(`${base}/guidelines`)).body).toMatchObject({
      source: 'approved',
      versionId: v1,
      policy: { policySource: 'approved', rules: { 'emoji-count': { maxCount: 3 } } },
    })
    await admin.post(`${base}/strategy/versions/${v2}/approve`)
    const now = (await reader.get(`${base}/guidelines`)).body
    expect(now).toMatchObject({
      source: 'approved',
      versionId: v2,
      approvedAt: expect.any(String),
      policy: {
        policySource: 'approved',
        rules: { 'emoji-count': { maxCount: 1 } },
        allowedContacts: ['08-123 456 78', 'info@bibliotek.test'],
      },
    })
    expect(now.policy.forbiddenWords).toContainEqual(expect.objectContaining({ phrase: 'tråkig' }))

    const history = (await reader.get(`${base}/strategy/versions`)).body
    expect(history.map((v: { number: number; current: boolean }) => [v.number, v.current])).toEqual(
      [
        [2, true],
        [1, false],
      ],
    )
    const old = await reader.get(`${base}/strategy/versions/${v1}`)
    expect(old.body.document.guidelines.rules['emoji-count'].maxCount).toBe(3)
  })

  it('lets members confirm the version in force, and shows the Ansvarig who has', async () => {
    const view = (await reader.get(`${base}/policy`)).body.policy
    expect(view).toMatchObject({ libraryName: 'Stadsbiblioteket', readAt: null })
    expect(view.version.id).toBe(v2)
    expect((await reader.post(`${base}/policy/read`, { versionId: v1 })).body.error.code).toBe(
      'policy_outdated',
    )
    const confirmed = await reader.post(`${base}/policy/read`, { versionId: v2 })
    expect(confirmed.status).toBe(200)
    const twice = await reader.post(`${base}/policy/read`, { versionId: v2 })
    expect(twice.body.readAt).toBe(confirmed.body.readAt)

    const readers = (await admin.get(`${base}/policy/readers`)).body
    expect(readers).toHaveLength(3)
    expect(readers.find((r: { userId: string }) => r.userId === readerId).readAt).toBe(
      confirmed.body.readAt,
    )
    expect(readers.filter((r: { readAt: string | null }) => r.readAt === null)).toHaveLength(2)
    expect((await editor.get(`${base}/policy/readers`)).status).toBe(403)
  })

  it('exports Markdown and a PDF with Swedish letters', async () => {
    const md = await reader.request('GET', `${base}/policy/markdown`)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/)
    expect(md.headers.get('content-disposition')).toMatch(/policy-stadsbiblioteket-v2\.md/)
    expect(md.body).toContain('# Policy för sociala medier – Stadsbiblioteket')
    expect(md.body).toContain('Vi finns där människor är.')
    expect(md.body).toContain('- tråkig – skriv hellre: lugn')

    const pdf = await reader.request('GET', `${base}/policy/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true)
  })

  it('shows the policy at a public link only while the Ansvarig has it turned on', async () => {
    const on = await admin.patch(`${base}/policy/public-link`, { enabled: true })
    expect(on.body).toMatchObject({
      enabled: true,
      url: expect.stringMatching(/^http:\/\/torget\.test\/policy\//),
    })
    const token = String(on.body.url).split('/').pop()!
    const visitor = app.client()
    const page = await visitor.get(`/api/v1/public/policies/${token}`)
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ libraryName: 'Stadsbiblioteket', versionNumber: 2 })
    expect(JSON.stringify(page.body)).not.toMatch(/Astrid|astrid@|lasse@|approvedBy|readAt/)

    expect((await admin.get(`${base}/strategy`)).body.publicLink).toEqual(on.body)
    await admin.patch(`${base}/policy/public-link`, { enabled: false })
    const gone = await visitor.get(`/api/v1/public/policies/${token}`)
    expect([gone.status, gone.body.error.code]).toEqual([404, 'public_policy_not_found'])
    // Turned on again, the page gets a new address; the old one stays dead.
    const again = await admin.patch(`${base}/policy/public-link`, { enabled: true })
    expect(again.body.url).toMatch(/^http:\/\/torget\.test\/policy\//)
    expect(again.body.url).not.toBe(on.body.url)
    expect((await visitor.get(`/api/v1/public/policies/${token}`)).status).toBe(404)
    const newToken = String(again.body.url).split('/').pop()!
    expect((await visitor.get(`/api/v1/public/policies/${newToken}`)).status).toBe(200)
    // Turning on what is already on keeps the address people were given.
    const still = await admin.patch(`${base}/policy/public-link`, { enabled: true })
    expect(still.body.url).toBe(again.body.url)
    expect((await visitor.get('/api/v1/public/policies/gissat')).status).toBe(404)
  })

  it('answers generated drafts and rules with a clear error, never a 5xx', async () => {
    const starter = starterStrategy() as unknown as Record<string, Record<string, unknown>>
    const section = fc.constantFrom(...Object.keys(starter))
    let draftVersion = (await admin.get(`${base}/strategy`)).body.draft.version as number
    const draft = fc.oneof(
      fc.json(),
      fc.record({ version: fc.oneof(fc.integer(), fc.string()), document: fc.anything() }),
      // A real document with one part replaced by something else entirely.
      fc.tuple(section, fc.anything()).map(([key, value]) => ({
        version: draftVersion,
        document: { ...starter, [key]: value },
      })),
      fc
        .tuple(
          fc.constantFrom('forbiddenWords', 'allowedContacts', 'audiences', 'rules'),
          fc.anything(),
        )
        .map(([key, value]) => ({
          version: draftVersion,
          document: { ...starter, guidelines: { ...starter.guidelines, [key]: value } },
        })),
    )
    await fc.assert(
      fc.asyncProperty(draft, async (body) => {
        const res = await admin.patch(`${base}/strategy/draft`, body)
        if (res.status === 200) draftVersion = res.body.version
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500)
        if (res.status >= 400) expect(res.body.error.message).toBeTruthy()
      }),
      { numRuns: 60 },
    )
    // What was accepted still reads back as a valid draft.
    expect((await admin.get(`${base}/strategy`)).status).toBe(200)
  })
})

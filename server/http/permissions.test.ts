import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../core/roles.js'
import { starterStrategy } from '../../core/strategy/starter.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

const ALL = ROLES
const ADMIN: readonly Role[] = ['admin']
const EDITORS: readonly Role[] = ['admin', 'editor']
const WRITERS: readonly Role[] = ['admin', 'editor', 'writer']
const RESPONDERS: readonly Role[] = ['admin', 'editor', 'responder']
const NOBODY_ID = '00000000-0000-4000-8000-000000000000'

/**
 * The role table of the foundation issue, route by route. A route added to
 * the API without a row here fails the first test.
 */
const MATRIX: Record<string, { roles: readonly Role[]; body?: unknown }> = {
  'GET /libraries/{libraryId}': { roles: ALL },
  'PATCH /libraries/{libraryId}': { roles: ADMIN, body: { timeZone: 'Europe/Stockholm' } },
  'GET /libraries/{libraryId}/workspace': { roles: ALL },
  'GET /libraries/{libraryId}/members': { roles: ALL },
  'PATCH /libraries/{libraryId}/members/{userId}': { roles: ADMIN, body: { role: 'reader' } },
  // Everyone may leave; only an Ansvarig removes someone else (the target here is someone else).
  'DELETE /libraries/{libraryId}/members/{userId}': { roles: ADMIN },
  'GET /libraries/{libraryId}/invitations': { roles: ADMIN },
  'POST /libraries/{libraryId}/invitations': { roles: ADMIN, body: { role: 'reader' } },
  'DELETE /libraries/{libraryId}/invitations/{invitationId}': { roles: ADMIN },
  'GET /libraries/{libraryId}/channels': { roles: ALL },
  'POST /libraries/{libraryId}/channels/bluesky': {
    roles: EDITORS,
    body: { identifier: 'bibliotek.test', appPassword: 'abcd-efgh' },
  },
  'POST /libraries/{libraryId}/channels/mastodon': {
    roles: EDITORS,
    body: { instanceUrl: 'mastodon.test', accessToken: 'token-1234567890' },
  },
  'GET /libraries/{libraryId}/channels/meta': { roles: ALL },
  'POST /libraries/{libraryId}/channels/meta/authorize': {
    roles: EDITORS,
    body: { kind: 'facebook' },
  },
  'POST /libraries/{libraryId}/channels/meta/pages': {
    roles: EDITORS,
    body: { selection: 'not-a-sealed-selection-at-all' },
  },
  'POST /libraries/{libraryId}/channels/meta/connect': {
    roles: EDITORS,
    body: {
      selection: 'not-a-sealed-selection-at-all',
      pageId: '1001',
      facebook: true,
      instagram: false,
    },
  },
  'POST /libraries/{libraryId}/channels/mastodon/authorize': {
    roles: EDITORS,
    body: { instanceUrl: 'http://127.0.0.1:1' },
  },
  'POST /libraries/{libraryId}/channels/{channelId}/verify': { roles: EDITORS },
  'DELETE /libraries/{libraryId}/channels/{channelId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/posts': { roles: ALL },
  'POST /libraries/{libraryId}/posts': {
    roles: WRITERS,
    body: { text: 'Välkommen till sagostunden!' },
  },
  'GET /libraries/{libraryId}/posts/{postId}': { roles: ALL },
  'PATCH /libraries/{libraryId}/posts/{postId}': {
    roles: WRITERS,
    body: { version: 1, text: 'Ändrad' },
  },
  'DELETE /libraries/{libraryId}/posts/{postId}': { roles: WRITERS },
  'POST /libraries/{libraryId}/posts/{postId}/schedule': {
    roles: EDITORS,
    body: { at: '2030-01-01T10:00:00+01:00', version: 1 },
  },
  'POST /libraries/{libraryId}/posts/{postId}/unschedule': { roles: EDITORS },
  'POST /libraries/{libraryId}/posts/{postId}/submit': { roles: WRITERS, body: { version: 1 } },
  'POST /libraries/{libraryId}/posts/{postId}/approve': { roles: EDITORS, body: { version: 1 } },
  'POST /libraries/{libraryId}/posts/{postId}/return': { roles: EDITORS, body: { version: 1 } },
  'GET /libraries/{libraryId}/posts/{postId}/history': { roles: ALL },
  'GET /libraries/{libraryId}/posts/{postId}/comments': { roles: ALL },
  // A Läsare follows along; everyone who makes or answers posts talks about them.
  'POST /libraries/{libraryId}/posts/{postId}/comments': {
    roles: ['admin', 'editor', 'writer', 'responder'],
    body: { text: 'Kan vi ställa en fråga i slutet?' },
  },
  'POST /libraries/{libraryId}/posts/{postId}/images': {
    roles: WRITERS,
    body: { not: 'an image' },
  },
  'GET /libraries/{libraryId}/posts/{postId}/images/{imageId}': { roles: ALL },
  'PATCH /libraries/{libraryId}/posts/{postId}/images/{imageId}': {
    roles: WRITERS,
    body: { alt: 'En bild' },
  },
  'POST /libraries/{libraryId}/posts/{postId}/images/{imageId}/reshape': {
    roles: WRITERS,
    body: { mode: 'crop' },
  },
  'DELETE /libraries/{libraryId}/posts/{postId}/images/{imageId}': { roles: WRITERS },
  'GET /libraries/{libraryId}/calendar': { roles: ALL },
  'GET /libraries/{libraryId}/calendar/export.csv': { roles: ALL },
  // Statistics are the library's figures, not people's: every member reads them.
  'GET /libraries/{libraryId}/stats': { roles: ALL },
  'GET /libraries/{libraryId}/stats/csv/{chart}': { roles: ALL },
  'POST /libraries/{libraryId}/posts/{postId}/paid-boost': { roles: WRITERS, body: { paid: true } },
  // Each member's own feed of the plan: whoever may read the posts may subscribe to them.
  'GET /libraries/{libraryId}/calendar/feed': { roles: ALL },
  'POST /libraries/{libraryId}/calendar/feed': { roles: ALL },
  'DELETE /libraries/{libraryId}/calendar/feed': { roles: ALL },
  'GET /libraries/{libraryId}/guidelines': { roles: ALL },
  'GET /libraries/{libraryId}/guidelines/channel-mix': { roles: ALL },
  'GET /libraries/{libraryId}/strategy': { roles: ALL },
  'PATCH /libraries/{libraryId}/strategy/draft': {
    roles: EDITORS,
    body: { version: 99, document: starterStrategy() },
  },
  'GET /libraries/{libraryId}/strategy/versions': { roles: ALL },
  'POST /libraries/{libraryId}/strategy/versions': { roles: EDITORS, body: { draftVersion: 1 } },
  'GET /libraries/{libraryId}/strategy/versions/{versionId}': { roles: ALL },
  'POST /libraries/{libraryId}/strategy/versions/{versionId}/approve': { roles: ADMIN },
  'GET /libraries/{libraryId}/policy': { roles: ALL },
  'POST /libraries/{libraryId}/policy/read': { roles: ALL, body: { versionId: NOBODY_ID } },
  'GET /libraries/{libraryId}/policy/readers': { roles: ADMIN },
  'PATCH /libraries/{libraryId}/policy/public-link': { roles: ADMIN, body: { enabled: false } },
  'GET /libraries/{libraryId}/policy/markdown': { roles: ALL },
  'GET /libraries/{libraryId}/policy/pdf': { roles: ALL },
  'GET /libraries/{libraryId}/event-sources': { roles: ALL },
  'POST /libraries/{libraryId}/event-sources': {
    roles: EDITORS,
    body: { url: 'http://127.0.0.1:1/kalender.ics' },
  },
  'POST /libraries/{libraryId}/event-sources/upload': {
    roles: EDITORS,
    body: { not: 'a calendar' },
  },
  'POST /libraries/{libraryId}/event-sources/{sourceId}/file': {
    roles: EDITORS,
    body: { not: 'a calendar' },
  },
  'POST /libraries/{libraryId}/event-sources/{sourceId}/refresh': { roles: EDITORS },
  'DELETE /libraries/{libraryId}/event-sources/{sourceId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/events': { roles: ALL },
  'GET /libraries/{libraryId}/events/{eventId}': { roles: ALL },
  'GET /libraries/{libraryId}/campaigns': { roles: ALL },
  'POST /libraries/{libraryId}/campaigns': {
    roles: EDITORS,
    body: { name: 'Bokfestival', peakDate: '2030-03-14', peakTime: '10:00' },
  },
  'GET /libraries/{libraryId}/campaigns/{campaignId}': { roles: ALL },
  'PATCH /libraries/{libraryId}/campaigns/{campaignId}': {
    roles: EDITORS,
    body: { name: 'Bokfestivalen' },
  },
  'DELETE /libraries/{libraryId}/campaigns/{campaignId}': { roles: EDITORS },
  'POST /libraries/{libraryId}/campaigns/{campaignId}/plan': {
    roles: EDITORS,
    body: { slots: [{ offsetDays: 0, time: '10:00', purpose: 'burst' }] },
  },
  'GET /libraries/{libraryId}/plan-templates': { roles: ALL },
  'POST /libraries/{libraryId}/plan-templates': {
    roles: EDITORS,
    body: { name: 'Vår plan', slots: [{ offsetDays: -7, time: '10:00', purpose: 'build-up' }] },
  },
  'PATCH /libraries/{libraryId}/plan-templates/{templateId}': {
    roles: EDITORS,
    body: { name: 'Vår plan', slots: [{ offsetDays: -7, time: '10:00', purpose: 'build-up' }] },
  },
  'DELETE /libraries/{libraryId}/plan-templates/{templateId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/recurring-slots': { roles: ALL },
  'POST /libraries/{libraryId}/recurring-slots': {
    roles: EDITORS,
    body: { name: 'Veckans postning', weekday: 5, time: '10:00' },
  },
  'PATCH /libraries/{libraryId}/recurring-slots/{slotId}': {
    roles: EDITORS,
    body: { name: 'Veckans boktips' },
  },
  'DELETE /libraries/{libraryId}/recurring-slots/{slotId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/audit': { roles: ADMIN },
  'GET /libraries/{libraryId}/audit/export.csv': { roles: ADMIN },
  'GET /libraries/{libraryId}/archive/entries': { roles: EDITORS },
  'GET /libraries/{libraryId}/archive/entries/{entryId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/archive/requests': { roles: EDITORS },
  'POST /libraries/{libraryId}/archive/requests': {
    roles: EDITORS,
    body: { diarienummer: 'KS 2026/1', receivedAt: '2026-05-04T08:00:00Z' },
  },
  'GET /libraries/{libraryId}/archive/requests/{requestId}': { roles: EDITORS },
  'POST /libraries/{libraryId}/archive/requests/{requestId}/items': {
    roles: EDITORS,
    body: { entryIds: ['x'] },
  },
  'DELETE /libraries/{libraryId}/archive/requests/{requestId}/items/{entryId}': { roles: EDITORS },
  'POST /libraries/{libraryId}/archive/requests/{requestId}/masks': {
    roles: EDITORS,
    body: { entryId: 'x', field: 'text', ground: 'OSL 26 kap. 1 §' },
  },
  'DELETE /libraries/{libraryId}/archive/requests/{requestId}/masks/{maskId}': { roles: EDITORS },
  'POST /libraries/{libraryId}/archive/requests/{requestId}/releases': {
    roles: ADMIN,
    body: { format: 'json' },
  },
  'POST /libraries/{libraryId}/archive/requests/{requestId}/decision': {
    roles: ADMIN,
    body: { outcome: 'closed', note: 'Klar' },
  },
  'POST /libraries/{libraryId}/archive/exports': {
    roles: ADMIN,
    body: { from: '2020-01-01', to: '2020-01-01' },
  },
  'GET /libraries/{libraryId}/archive/retention-rules': { roles: EDITORS },
  'POST /libraries/{libraryId}/archive/retention-rules': {
    roles: ADMIN,
    body: { name: 'Kommentarer', retention: { type: 'years', years: 2 } },
  },
  'DELETE /libraries/{libraryId}/archive/retention-rules/{ruleId}': { roles: ADMIN },
  'GET /libraries/{libraryId}/archive/holds': { roles: EDITORS },
  'POST /libraries/{libraryId}/archive/holds': { roles: ADMIN, body: { reason: 'Tvist' } },
  'POST /libraries/{libraryId}/archive/holds/{holdId}/lift': { roles: ADMIN },
  'POST /libraries/{libraryId}/archive/weeding/preview': {
    roles: ADMIN,
    body: { reference: 'D 1', ruleIds: ['r'], from: '2020-01-01', to: '2020-12-31' },
  },
  'POST /libraries/{libraryId}/archive/weeding/decisions': {
    roles: ADMIN,
    body: { reference: 'D 1', ruleIds: ['r'], from: '2020-01-01', to: '2020-12-31' },
  },
  'GET /libraries/{libraryId}/archive/weeding/decisions': { roles: EDITORS },
  'GET /libraries/{libraryId}/archive/weeding/decisions/{decisionId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/archive/report': { roles: EDITORS },
  'GET /libraries/{libraryId}/archive/settings': { roles: EDITORS },
  'PATCH /libraries/{libraryId}/archive/settings': {
    roles: ADMIN,
    body: { interactionRetentionDays: 90 },
  },
  'GET /libraries/{libraryId}/personal-data/account': { roles: ADMIN },
  'POST /libraries/{libraryId}/personal-data/account/erase': {
    roles: ADMIN,
    body: { handle: 'ingen.example' },
  },
  'GET /libraries/{libraryId}/personal-data/members/{userId}': { roles: ADMIN },
  'GET /libraries/{libraryId}/inbox/items': { roles: ALL },
  'GET /libraries/{libraryId}/inbox/counts': { roles: ALL },
  'GET /libraries/{libraryId}/inbox/items/{itemId}': { roles: ALL },
  'PATCH /libraries/{libraryId}/inbox/items/{itemId}': {
    roles: RESPONDERS,
    body: { version: 1, state: 'done' },
  },
  'POST /libraries/{libraryId}/inbox/items/{itemId}/notes': {
    roles: RESPONDERS,
    body: { body: 'Internt' },
  },
  'POST /libraries/{libraryId}/inbox/items/{itemId}/replies': {
    roles: RESPONDERS,
    body: { version: 1, text: 'Hej!' },
  },
  'POST /libraries/{libraryId}/inbox/items/{itemId}/moderation': {
    roles: RESPONDERS,
    body: { action: 'block', reasonCategory: 'unlawful_threat', reason: 'Hot' },
  },
  'POST /libraries/{libraryId}/inbox/items/{itemId}/moderation/{actionId}/undo': {
    roles: RESPONDERS,
  },
  'POST /libraries/{libraryId}/inbox/items/{itemId}/presence': {
    roles: ALL,
    body: { mode: 'viewing' },
  },
  'POST /libraries/{libraryId}/inbox/activity/{activityId}/undo': { roles: RESPONDERS },
  'GET /libraries/{libraryId}/inbox/events': { roles: ALL },
  'GET /libraries/{libraryId}/inbox/tags': { roles: ALL },
  'POST /libraries/{libraryId}/inbox/tags': { roles: EDITORS, body: { name: 'Ny tagg' } },
  'POST /libraries/{libraryId}/inbox/tags/reorder': { roles: EDITORS, body: { ids: [] } },
  'PATCH /libraries/{libraryId}/inbox/tags/{tagId}': { roles: EDITORS, body: { name: 'Namn' } },
  'DELETE /libraries/{libraryId}/inbox/tags/{tagId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/inbox/saved-replies': { roles: ALL },
  'POST /libraries/{libraryId}/inbox/saved-replies': {
    roles: EDITORS,
    body: { title: 'Hej', body: 'Hej {namn}!' },
  },
  'PATCH /libraries/{libraryId}/inbox/saved-replies/{replyId}': {
    roles: EDITORS,
    body: { title: 'Hej', body: 'Hej {namn}!' },
  },
  'DELETE /libraries/{libraryId}/inbox/saved-replies/{replyId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/inbox/rules': { roles: ALL },
  'POST /libraries/{libraryId}/inbox/rules': {
    roles: EDITORS,
    body: { name: 'Länkar', conditions: [{ type: 'contains_link' }], actions: [{ type: 'flag' }] },
  },
  'POST /libraries/{libraryId}/inbox/rules/reorder': { roles: EDITORS, body: { ids: [] } },
  'PATCH /libraries/{libraryId}/inbox/rules/{ruleId}': {
    roles: EDITORS,
    body: { name: 'Länkar', conditions: [{ type: 'contains_link' }], actions: [{ type: 'flag' }] },
  },
  'DELETE /libraries/{libraryId}/inbox/rules/{ruleId}': { roles: EDITORS },
  'GET /libraries/{libraryId}/inbox/response-times': { roles: EDITORS },
  'GET /libraries/{libraryId}/inbox/notice': { roles: ALL },
  // Goals, the monthly report and the comparison: figures for every member; the Ansvarig decides
  // who gets the report and whether the library takes part in comparisons.
  'GET /libraries/{libraryId}/strategy/goals/progress': { roles: ALL },
  'GET /libraries/{libraryId}/reports/monthly.pdf': { roles: ALL },
  'GET /libraries/{libraryId}/reports/monthly.html': { roles: ALL },
  'GET /libraries/{libraryId}/stats/comparison': { roles: ALL },
  'GET /libraries/{libraryId}/reports/settings': { roles: ADMIN },
  'POST /libraries/{libraryId}/reports/recipients': {
    roles: ADMIN,
    body: { email: 'chef@kommun.test' },
  },
  'DELETE /libraries/{libraryId}/reports/recipients/{recipientId}': { roles: ADMIN },
  'POST /libraries/{libraryId}/reports/recipients/{recipientId}/retry': { roles: ADMIN },
  'POST /libraries/{libraryId}/reports/test': { roles: ADMIN, body: {} },
  'PATCH /libraries/{libraryId}/reports/comparison': { roles: ADMIN, body: { optedIn: false } },
  // Stegen: counts and codes for everyone; people, leaders and the rules for Redaktör and Ansvarig.
  'GET /libraries/{libraryId}/ladder': { roles: ALL },
  'POST /libraries/{libraryId}/ladder/rebuild': { roles: EDITORS },
  'PATCH /libraries/{libraryId}/ladder/rules': {
    roles: EDITORS,
    body: { windowDays: 90, endorseMin: 1, contributeMin: 1, ownWeeks: 3, retentionMonths: 13 },
  },
  'GET /libraries/{libraryId}/ladder/members/{memberId}': { roles: EDITORS },
  'PATCH /libraries/{libraryId}/ladder/members/{memberId}': {
    roles: EDITORS,
    body: { lead: true },
  },
  'GET /libraries/{libraryId}/path': { roles: ALL },
  'GET /libraries/{libraryId}/path/overview': { roles: ADMIN },
  'POST /libraries/{libraryId}/path/invitations': { roles: ADMIN },
  'POST /libraries/{libraryId}/channels/practice': { roles: EDITORS },
  'GET /libraries/{libraryId}/practice/scripts': { roles: ALL },
  'POST /libraries/{libraryId}/practice/scripts': {
    roles: ADMIN,
    body: { lesson: 'question', personaName: 'Tove', text: 'Finns det wifi?' },
  },
  'DELETE /libraries/{libraryId}/practice/scripts/{scriptId}': { roles: ADMIN },
  'POST /libraries/{libraryId}/practice/posts/{postId}/schedule': {
    roles: WRITERS,
    body: { at: '2030-01-01T09:00:00.000Z', version: 1 },
  },
  'POST /libraries/{libraryId}/practice/items/{itemId}/replies': {
    roles: ['admin', 'editor', 'writer', 'responder'],
    body: { text: 'Tack!', version: 1 },
  },
  // Idéer: everyone adds, supports and comments; those who make posts decide what is used, and
  // a draft is made only by a role that writes drafts.
  'GET /libraries/{libraryId}/ideas': { roles: ALL },
  'POST /libraries/{libraryId}/ideas': { roles: ALL, body: { text: 'Visa nya serier' } },
  'GET /libraries/{libraryId}/ideas/{ideaId}': { roles: ALL },
  // Everyone may remove their own idea; the target here is nobody's (404 for each role).
  'DELETE /libraries/{libraryId}/ideas/{ideaId}': { roles: ALL },
  'GET /libraries/{libraryId}/posts/{postId}/idea': { roles: ALL },
  'POST /libraries/{libraryId}/ideas/{ideaId}/photo': { roles: ALL, body: { not: 'an image' } },
  'GET /libraries/{libraryId}/ideas/{ideaId}/photo': { roles: ALL },
  'POST /libraries/{libraryId}/ideas/{ideaId}/support': { roles: ALL },
  'DELETE /libraries/{libraryId}/ideas/{ideaId}/support': { roles: ALL },
  'GET /libraries/{libraryId}/ideas/{ideaId}/comments': { roles: ALL },
  'POST /libraries/{libraryId}/ideas/{ideaId}/comments': { roles: ALL, body: { text: 'Bra!' } },
  'POST /libraries/{libraryId}/ideas/{ideaId}/state': { roles: WRITERS, body: { state: 'used' } },
  'POST /libraries/{libraryId}/ideas/{ideaId}/draft': { roles: WRITERS, body: {} },
}

describe.each(await availableDialects())('permission matrix on %s', (dialect) => {
  let app: TestApp
  let libraryId: string
  let operations: string[]
  const clients = {} as Record<Role, TestClient>
  let foreigner: TestClient
  beforeAll(async () => {
    app = await createTestApp(dialect)
    const first = await setUpFirstLibrary(app)
    libraryId = first.libraryId
    clients.admin = first.admin
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      clients[role] = (
        await addMember(app, first.admin, libraryId, role, `${role}@bibliotek.test`)
      ).client
    }
    const other = await first.admin.post('/api/v1/libraries', { name: 'Annat bibliotek' })
    foreigner = (
      await addMember(app, first.admin, other.body.id, 'admin', 'utomstaende@annat.test')
    ).client
    await first.admin.delete(
      `/api/v1/libraries/${other.body.id}/members/${(await first.admin.get('/api/v1/auth/session')).body.user.id}`,
    )
    const doc = await app.client().get('/api/v1/openapi.json')
    operations = Object.entries(
      doc.body.paths as Record<string, Record<string, { 'x-permission'?: string }>>,
    )
      .filter(([path]) => path.startsWith('/libraries/{libraryId}'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
  })
  afterAll(async () => app?.close())

  it('has a row for every route inside a library, and every such route declares its permission', async () => {
    expect(operations.sort()).toEqual(Object.keys(MATRIX).sort())
    const doc = await app.client().get('/api/v1/openapi.json')
    for (const op of operations) {
      const [method, path] = op.split(' ') as [string, string]
      expect(doc.body.paths[path][method.toLowerCase()]['x-permission'], op).toMatch(
        /^[a-z]+\.[a-z]+$/,
      )
    }
  })

  const url = (path: string) =>
    `/api/v1${path
      .replace('{libraryId}', libraryId)
      .replace('{chart}', 'activity')
      .replace(
        /\{(userId|invitationId|channelId|postId|imageId|versionId|sourceId|eventId|campaignId|templateId|slotId|itemId|activityId|actionId|tagId|replyId|ruleId|recipientId|memberId|ideaId)\}/g,
        NOBODY_ID,
      )}`

  it.each(Object.entries(MATRIX))(
    '%s answers each role as the role table says',
    async (op, { roles, body }) => {
      const [method, path] = op.split(' ') as [string, string]
      const send = (c: TestClient) =>
        c.request(method, url(path), method === 'GET' || method === 'DELETE' ? undefined : body)

      const anonymous = await send(app.client())
      expect([op, anonymous.status]).toEqual([op, 401])
      const foreign = await send(foreigner)
      expect([op, foreign.status, foreign.body.error.code]).toEqual([op, 404, 'library_not_found'])

      for (const role of ROLES) {
        const res = await send(clients[role])
        if (roles.includes(role)) {
          expect([
            op,
            role,
            res.status < 400 ||
              ![
                'forbidden',
                'library_not_found',
                'unauthenticated',
                'csrf_failed',
                'validation_failed',
              ].includes(res.body?.error?.code),
          ]).toEqual([op, role, true])
        } else {
          expect([op, role, res.status, res.body?.error?.code]).toEqual([
            op,
            role,
            403,
            'forbidden',
          ])
        }
      }
    },
  )
})

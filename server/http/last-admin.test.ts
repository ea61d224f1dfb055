import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

// Several libraries at once, so that without the lock the race shows on every run, not now and then.
const LIBRARIES = 6

describe.each(await availableDialects())(
  'the last Ansvarig, at the same moment, on %s',
  (dialect) => {
    let app: TestApp
    let admin: TestClient
    let adminId: string
    beforeAll(async () => {
      app = await createTestApp(dialect)
      ;({ admin } = await setUpFirstLibrary(app))
      adminId = (await admin.get('/api/v1/auth/session')).body.user.id
    })
    afterAll(async () => app?.close())

    let second: { client: TestClient; userId: string } | undefined

    /** Libraries where the set-up admin and one colleague are both Ansvarig. */
    async function twoAnsvariga(prefix: string) {
      const libraries = []
      for (let i = 0; i < LIBRARIES; i++) {
        const created = await admin.post('/api/v1/libraries', { name: `${prefix} ${i}` })
        expect(created.status).toBe(201)
        const libraryId = created.body.id as string
        if (!second) {
          second = await addMember(app, admin, libraryId, 'admin', 'andra@bibliotek.test')
        } else {
          const invite = await admin.post(`/api/v1/libraries/${libraryId}/invitations`, {
            role: 'admin',
          })
          const token = String(invite.body.url).split('/').pop()
          expect((await second.client.post(`/api/v1/invitations/${token}/accept`, {})).status).toBe(
            200,
          )
        }
        libraries.push({ libraryId, second })
      }
      return libraries
    }

    async function ansvarigaIn(libraryId: string, viewer: TestClient = admin) {
      const members = await viewer.get(`/api/v1/libraries/${libraryId}/members`)
      expect(members.status).toBe(200)
      return (members.body as { role: string }[]).filter((m) => m.role === 'admin').length
    }

    it('lets only one of two Ansvariga leave when both leave at once', async () => {
      const libraries = await twoAnsvariga('lamnar')
      await Promise.all(
        libraries.map(async ({ libraryId, second }) => {
          const [first, other] = await Promise.all([
            admin.delete(`/api/v1/libraries/${libraryId}/members/${adminId}`),
            second.client.delete(`/api/v1/libraries/${libraryId}/members/${second.userId}`),
          ])
          expect([first.status, other.status].sort()).toEqual([204, 409])
          const refused = first.status === 409 ? first : other
          expect(refused.body.error.code).toBe('last_admin')
          const stayed = first.status === 409 ? admin : second.client
          expect(await ansvarigaIn(libraryId, stayed)).toBe(1)
        }),
      )
    })

    it('keeps one Ansvarig when two demote each other at once', async () => {
      const libraries = await twoAnsvariga('degraderar')
      const outcomes = await Promise.all(
        libraries.map(async ({ libraryId, second }) => {
          const [a, b] = await Promise.all([
            admin.patch(`/api/v1/libraries/${libraryId}/members/${second.userId}`, {
              role: 'editor',
            }),
            second.client.patch(`/api/v1/libraries/${libraryId}/members/${adminId}`, {
              role: 'editor',
            }),
          ])
          return { libraryId, statuses: [a.status, b.status].sort() }
        }),
      )
      for (const { libraryId, statuses } of outcomes) {
        expect(statuses).toEqual([200, 409])
        expect(await ansvarigaIn(libraryId)).toBe(1)
      }
    })
  },
)

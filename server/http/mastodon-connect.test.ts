import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type FakeMastodon,
  OAUTH_CODE,
  PASTED_TOKEN,
  startFakeMastodon,
} from '../adapters/mastodon/testing/fake-mastodon.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, type TestClient, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { ALLOW_LOOPBACK } from '../test/outbound.js'

describe.each(await availableDialects())('connecting Mastodon on %s', (dialect) => {
  let app: TestApp
  let mastodon: FakeMastodon
  let admin: TestClient
  let libraryId: string
  beforeAll(async () => {
    mastodon = await startFakeMastodon()
    // The recorded Mastodon runs on loopback, which Torget reaches only when allowed.
    app = await createTestApp(dialect, ALLOW_LOOPBACK)
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
  })
  afterAll(async () => {
    await app?.close()
    await mastodon?.close()
  })

  it("connects through the instance's own sign-in page and returns to Kanaler", async () => {
    const start = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon/authorize`, {
      instanceUrl: mastodon.url,
    })
    expect(start.status).toBe(200)
    const url = new URL(start.body.authorizeUrl)
    expect(url.pathname).toBe('/oauth/authorize')
    expect(url.searchParams.get('redirect_uri')).toBe(
      'http://torget.test/api/v1/oauth/mastodon/callback',
    )
    // Reading the inbox, and blocking or muting from it, need their own scopes.
    expect(url.searchParams.get('scope')).toBe(
      'read:accounts read:statuses read:notifications write:statuses write:media write:blocks write:mutes',
    )
    const state = url.searchParams.get('state')!

    const back = await admin.get(
      `/api/v1/oauth/mastodon/callback?code=${OAUTH_CODE}&state=${encodeURIComponent(state)}`,
    )
    expect(back.status).toBe(302)
    expect(back.headers.get('location')).toBe(`/bibliotek/${libraryId}/kanaler?ansluten=mastodon`)
    const channels = await admin.get(`/api/v1/libraries/${libraryId}/channels`)
    expect(channels.body).toEqual([expect.objectContaining({ network: 'mastodon', health: 'ok' })])
    expect(channels.body[0].limits.counting).toBe('mastodon')

    // The app is registered once per instance, not once per connection.
    await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon/authorize`, {
      instanceUrl: mastodon.url,
    })
    expect(mastodon.requests.filter((r) => r.path === '/api/v1/apps')).toHaveLength(1)
  })

  it('refuses a state that was tampered with or belongs to someone else', async () => {
    const start = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon/authorize`, {
      instanceUrl: mastodon.url,
    })
    const state = new URL(start.body.authorizeUrl).searchParams.get('state')!
    const stranger = app.client()
    await stranger.post('/api/v1/auth/sign-in', { email: 'nobody@x.test', password: 'x' })
    expect(
      (
        await stranger.get(
          `/api/v1/oauth/mastodon/callback?code=${OAUTH_CODE}&state=${encodeURIComponent(state)}`,
        )
      ).headers.get('location'),
    ).toBe('/logga-in')
    const forged = await admin.get(
      `/api/v1/oauth/mastodon/callback?code=${OAUTH_CODE}&state=${encodeURIComponent(state.slice(0, -4) + 'AAAA')}`,
    )
    expect(forged.headers.get('location')).toMatch(/mastodon=fel/)
  })

  it('also takes a pasted access token, and says clearly when the instance cannot be reached', async () => {
    const pasted = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon`, {
      instanceUrl: mastodon.url,
      accessToken: PASTED_TOKEN,
    })
    expect(pasted.status).toBe(201)
    const unreachable = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon`, {
      instanceUrl: 'http://127.0.0.1:1',
      accessToken: PASTED_TOKEN,
    })
    expect(unreachable.status).toBe(400)
    expect(unreachable.body.error.message).toContain('Det gick inte att ansluta kanalen.')
  })

  it("answers a wrong token with Mastodon's own remedy, not Bluesky's", async () => {
    const wrong = { instanceUrl: mastodon.url, accessToken: 'not-a-token-at-all' }
    admin.locale = 'sv'
    const sv = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon`, wrong)
    expect(sv.status).toBe(400)
    expect(sv.body.error.message).toContain('Mastodon godtog inte åtkomsttoken')
    expect(sv.body.error.message).not.toMatch(/Bluesky|applösenord/i)
    admin.locale = 'en'
    const en = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon`, wrong)
    expect(en.body.error.message).toContain('Mastodon did not accept the access token')
    expect(en.body.error.message).not.toMatch(/Bluesky|app password/i)
    admin.locale = 'sv'

    // Back from the consent page with a code the instance refuses: the reason names Mastodon too.
    const start = await admin.post(`/api/v1/libraries/${libraryId}/channels/mastodon/authorize`, {
      instanceUrl: mastodon.url,
    })
    const state = new URL(start.body.authorizeUrl).searchParams.get('state')!
    const back = await admin.get(
      `/api/v1/oauth/mastodon/callback?code=wrong-code&state=${encodeURIComponent(state)}`,
    )
    expect(back.headers.get('location')).toBe(
      `/bibliotek/${libraryId}/kanaler?mastodon=fel&orsak=mastodon.auth_failed`,
    )
  })
})

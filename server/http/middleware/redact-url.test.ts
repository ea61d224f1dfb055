import { describe, expect, it } from 'vitest'
import { redactUrl } from './redact-url.js'

const TOKEN = 'q5Vt1p0mE8yHk2nB7xWc3Lr9sA4dFg6hJz0uKo_Ni-Y'
const ID = '3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b'

describe('redacting secrets from logged request addresses', () => {
  it.each([
    ['the calendar feed', `/api/v1/public/calendar-feeds/${TOKEN}`],
    ['a public policy', `/api/v1/public/policies/${TOKEN}`],
    ['an invitation preview', `/api/v1/invitations/${TOKEN}`],
    ['accepting an invitation', `/api/v1/invitations/${TOKEN}/accept`],
    ['the invitation page', `/inbjudan/${TOKEN}`],
    ['the public policy page', `/policy/${TOKEN}`],
    ['the password reset page', `/aterstall-losenord?token=${TOKEN}`],
    ['the Mastodon callback', `/api/v1/oauth/mastodon/callback?code=${TOKEN}&state=v1.abc.def`],
    ['a short token in a known place', '/api/v1/public/calendar-feeds/abc'],
    ['a long opaque segment elsewhere', `/api/v1/something-new/${TOKEN}`],
  ])('%s', (_, url) => {
    const logged = redactUrl(url)
    expect(logged).not.toContain(TOKEN)
    expect(logged).not.toMatch(/abc|v1\.abc/)
    expect(logged).toContain('[redacted]')
  })

  it('keeps what is no secret: ids, names of parameters, other values', () => {
    expect(redactUrl(`/api/v1/libraries/${ID}/posts/${ID}`)).toBe(
      `/api/v1/libraries/${ID}/posts/${ID}`,
    )
    expect(redactUrl(`/api/v1/libraries/${ID}/invitations/${ID}`)).toBe(
      `/api/v1/libraries/${ID}/invitations/${ID}`,
    )
    expect(redactUrl(`/api/v1/libraries/${ID}/policy/pdf`)).toBe(
      `/api/v1/libraries/${ID}/policy/pdf`,
    )
    expect(redactUrl(`/api/v1/oauth/mastodon/callback?error=access_denied&state=${TOKEN}`)).toBe(
      '/api/v1/oauth/mastodon/callback?error=access_denied&state=[redacted]',
    )
    expect(redactUrl('/api/v1/libraries/x/calendar?from=2026-12-01&to=2026-12-31')).toBe(
      '/api/v1/libraries/x/calendar?from=2026-12-01&to=2026-12-31',
    )
  })
})

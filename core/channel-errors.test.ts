import { describe, expect, it } from 'vitest'
import { channelErrorMessage, channelErrorReason } from './channel-errors.js'
import { httpsUrl } from './https-url.js'

describe('channel error messages', () => {
  it("give each network's own remedy for a refused sign-in, never another network's", () => {
    for (const code of ['auth_failed', 'auth_revoked']) {
      for (const locale of ['sv', 'en'] as const) {
        const mastodon = channelErrorMessage(code, locale, 'mastodon')
        const bluesky = channelErrorMessage(code, locale, 'bluesky')
        expect(mastodon).toMatch(/Mastodon/)
        expect(mastodon).not.toMatch(/Bluesky|applösenord|app password/i)
        expect(bluesky).toMatch(/Bluesky/)
        expect(bluesky).toMatch(/applösenord|app password/i)
        expect(channelErrorMessage(code, locale)).not.toMatch(/Bluesky|Mastodon|applösenord/i)
      }
    }
  })

  it('read the network from a reason as the API carries it', () => {
    const reason = channelErrorReason('mastodon', 'auth_failed')
    expect(reason).toBe('mastodon.auth_failed')
    expect(channelErrorMessage(reason, 'sv')).toBe(
      channelErrorMessage('auth_failed', 'sv', 'mastodon'),
    )
    expect(channelErrorMessage('bluesky.rate_limited', 'en')).toBe(
      channelErrorMessage('rate_limited', 'en'),
    )
    expect(channelErrorMessage('mastodon.no_such_code', 'sv')).toBe(
      channelErrorMessage('bad_response', 'sv'),
    )
  })

  it('say why an answer cannot go into a thread, not that something failed', () => {
    expect(channelErrorMessage('bluesky.reply_not_allowed', 'sv')).toMatch(/blockerat biblioteket/)
    expect(channelErrorMessage('reply_not_allowed', 'en')).toMatch(/blocked the library/)
    expect(channelErrorMessage('reply_not_allowed', 'en')).not.toBe(
      channelErrorMessage('bad_response', 'en'),
    )
  })

  it('name the address rule when a server is on an internal network', () => {
    expect(channelErrorMessage('mastodon.blocked_address', 'sv')).toMatch(
      /internt nätverk.*TORGET_FETCH_ALLOW_PRIVATE/,
    )
    expect(channelErrorMessage('blocked_address', 'en')).toMatch(
      /internal network.*TORGET_FETCH_ALLOW_PRIVATE/,
    )
  })

  it('guide to blocking, reporting or asking the author where a network cannot moderate', () => {
    expect(channelErrorMessage('mastodon.not_supported', 'sv')).toMatch(
      /Blockera.*anmäl.*serverns moderatorer.*be den som skrev/,
    )
    expect(channelErrorMessage('not_supported', 'en', 'mastodon')).toMatch(
      /block the account, report .*server's moderators, or ask its author/,
    )
    const elsewhere = channelErrorMessage('bluesky.not_supported', 'en')
    expect(elsewhere).not.toMatch(/Mastodon/)
    expect(elsewhere).toMatch(/block the account/)
  })
})

describe('links from networks', () => {
  it('are kept only as https', () => {
    expect(httpsUrl('https://social.example/@bibliotek')).toBe('https://social.example/@bibliotek')
    for (const url of [
      'http://social.example/@bibliotek',
      'javascript:alert(1)',
      'data:text/html,<script>',
      'https://user:pw@social.example/',
      '//social.example/@bibliotek',
      '',
      null,
      undefined,
    ]) {
      expect(httpsUrl(url), String(url)).toBeUndefined()
    }
  })
})

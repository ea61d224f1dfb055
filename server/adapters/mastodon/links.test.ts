import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loopbackClient } from '../../test/outbound.js'
import { createMastodonAdapter } from './mastodon-adapter.js'
import {
  fixture,
  PASTED_TOKEN,
  startFakeMastodon,
  type FakeMastodon,
} from './testing/fake-mastodon.js'

// Recorded responses (../fixtures) whose addresses a hostile or careless server changed:
// Torget stores and shows only https links, building its own when the server's is not.

let fake: FakeMastodon
let host: string
const adapter = createMastodonAdapter({ fetch: loopbackClient(), timeoutMs: 2_000 })
const credentials = () => ({
  instanceUrl: fake.url,
  accessToken: PASTED_TOKEN,
  accountId: '109876543210987654',
})
const post = (text: string) => ({ publicationId: crypto.randomUUID(), text, images: [] })

beforeEach(async () => {
  fake = await startFakeMastodon()
  host = new URL(fake.url).host
})
afterEach(() => fake.close())

describe('addresses from a Mastodon server', () => {
  it('keeps the account page only as https, else links the instance page of the account', async () => {
    for (const url of ['javascript:alert(document.cookie)', 'http://social.example/@x', '']) {
      const account = { ...fixture('credential-account'), url }
      fake.override('GET', /^\/api\/v1\/accounts\/verify_credentials$/, {
        status: 200,
        json: account,
      })
      const { account: connected } = await adapter.connect({
        instanceUrl: fake.url,
        accessToken: PASTED_TOKEN,
      })
      expect(connected.profileUrl, url).toBe(`https://${host}/@stadsbiblioteket`)
    }
    const { account } = await adapter.verify(credentials())
    expect(account.profileUrl).toBe('https://social.example/@stadsbiblioteket')
  })

  it("keeps a status's address only as https: its url, else its uri, else the instance's page", async () => {
    const answer = (url: unknown, uri: string) => {
      const status = {
        ...fixture('status'),
        id: '113456789000000001',
        url,
        uri,
        media_attachments: [],
      }
      fake.override('POST', /^\/api\/v1\/statuses$/, { status: 200, json: status })
    }
    answer('http://social.example/@stadsbiblioteket/1', 'https://social.example/users/s/statuses/1')
    expect((await adapter.publish(credentials(), post('Ett'))).url).toBe(
      'https://social.example/users/s/statuses/1',
    )
    answer('javascript:alert(1)', 'http://social.example/users/s/statuses/1')
    expect((await adapter.publish(credentials(), post('Två'))).url).toBe(
      `https://${host}/statuses/113456789000000001`,
    )
    answer(null, 'tag:social.example,2025:objectId=1')
    expect((await adapter.publish(credentials(), post('Tre'))).url).toBe(
      `https://${host}/statuses/113456789000000001`,
    )
  })

  it('never answers a look-up with a non-https address', async () => {
    const statuses = fixture<Record<string, unknown>[]>('statuses').map((s) => ({
      ...s,
      url: `http://social.example/@stadsbiblioteket/${String(s.id)}`,
      uri: `http://social.example/users/stadsbiblioteket/statuses/${String(s.id)}`,
    }))
    fake.override('GET', /\/statuses$/, { status: 200, json: statuses })
    const found = await adapter.lookup(credentials(), {
      publicationId: crypto.randomUUID(),
      text: 'Vi har öppet som vanligt i påsk. Välkomna!',
      images: [],
    })
    expect(found).toEqual({
      remoteId: '113456789100000002',
      url: `https://${host}/statuses/113456789100000002`,
    })
  })
})

import { describe, expect, it } from 'vitest'
import { normalizeInstanceUrl } from './instance-url.js'

describe('the instance address a person types', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['https://mastodon.social/', 'https://mastodon.social'],
    ['  HTTPS://Mastodon.Social/@torget?x=1#top ', 'https://mastodon.social'],
    ['http://127.0.0.1:3000/api', 'http://127.0.0.1:3000'],
  ])('%s is %s', (input, origin) => {
    expect(normalizeInstanceUrl(input)).toBe(origin)
  })

  it.each([
    'ftp://mastodon.social',
    'javascript:alert(1)',
    'https://user:pw@mastodon.social',
    '',
    'a b',
  ])('refuses %j', (input) => {
    expect(() => normalizeInstanceUrl(input)).toThrow(/not the address of a Mastodon server/)
  })
})

import { describe, expect, it } from 'vitest'
import { findLinks } from './links.js'
import { approvedPolicy, check, marked, of } from './testing.js'

describe('finding links, tags and addresses', () => {
  it('finds links with and without a scheme, but not abbreviations or times', () => {
    const text =
      'Se https://a.se/x?q=1, www.b.se och bit.ly/abc (t.ex. kl. 10.30, bl.a. s.k. e-böcker) exempelbiblioteket.se.'
    expect(findLinks(text).urls.map((u) => text.slice(u.start, u.end))).toEqual([
      'https://a.se/x?q=1',
      'www.b.se',
      'bit.ly/abc',
      'exempelbiblioteket.se',
    ])
  })

  it('tells a fediverse handle from an e-mail address', () => {
    const links = findLinks('Följ @bibliotek@mastodon.nu eller mejla anna@exempel.se.')
    expect(links.mentions).toHaveLength(1)
    expect(links.emails.map((e) => `${e.local}@${e.domain}`)).toEqual(['anna@exempel.se'])
  })
})

describe('url shorteners', () => {
  it.each([
    'https://bit.ly/3Xp7aQk',
    'tinyurl.com/skrivhost',
    'http://t.co/abc',
    'https://goo.gl/x',
    'ow.ly/aB12',
    'https://is.gd/x',
    'buff.ly/4fGh1',
    'https://lnkd.in/e1',
  ])('warns about %s', (url) => {
    const text = `Anmälan till bokcirkeln: ${url}`
    const [finding] = of(check(text), 'url-shortener')
    expect(finding!.severity).toBe('warn')
    expect(marked(text, finding)).toBe(url)
  })

  it('leaves full addresses and youtu.be alone, and takes extra hosts from the policy', () => {
    expect(
      of(
        check('Filmen: https://youtu.be/abc och https://exempelbiblioteket.se/film'),
        'url-shortener',
      ),
    ).toEqual([])
    const policy = approvedPolicy({ rules: { 'url-shortener': { extraHosts: ['kort.example'] } } })
    expect(of(check('Anmälan: https://kort.example/x', { policy }), 'url-shortener')).toHaveLength(
      1,
    )
  })
})

describe('links that do not say where they go', () => {
  it.each([
    'https://exempelbiblioteket.se/sommar',
    'Läs mer här: https://exempelbiblioteket.se/sommar',
    'Klicka här https://exempelbiblioteket.se/sommar',
    'Programmet är klart! https://exempelbiblioteket.se/sommar Vad tycker du?',
  ])('hints at "%s"', (text) => {
    const [finding] = of(check(text), 'bare-url')
    expect(finding!.severity).toBe('hint')
    expect(marked(text, finding)).toBe('https://exempelbiblioteket.se/sommar')
  })

  it.each([
    'Sommarlovets program: https://exempelbiblioteket.se/sommar',
    'Anmälan till bokcirkeln:\nhttps://exempelbiblioteket.se/sommar',
    'https://exempelbiblioteket.se/sommar – hela sommarlovsprogrammet',
    'Läs om sommarlovet på https://exempelbiblioteket.se/sommar',
  ])('accepts "%s"', (text) => {
    expect(of(check(text), 'bare-url')).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { starterStrategy } from '../strategy/starter.js'
import { BIO_MAX, boardNotice } from './notice.js'

const doc = starterStrategy()
const url = 'https://torget.example.se/policy/abc123'

describe('boardNotice', () => {
  it('says who runs the account, that posts are public, what is removed and where the rules are', () => {
    const { bio, website } = boardNotice(doc, 'Storstadens bibliotek', 'sv', { rulesUrl: url })
    expect(bio).toBe(
      'Kontot drivs av Storstadens bibliotek. Det du skriver här syns för alla. ' +
        `Vi tar bort det som bryter mot lagen eller våra regler. Regler: ${url}`,
    )
    expect(website).toContain('Storstadens bibliotek driver det här kontot')
    expect(website).toContain('svarar inom 24 timmar på vardagar')
    expect(website).toContain('syns för alla')
    expect(website).toContain('olaga hot, hets mot folkgrupp')
    expect(website).toContain('intrång i upphovsrätt')
    expect(website).toContain('spam')
    expect(website).toContain(`Läs våra regler: ${url}`)
  })

  it('is written in English too, with the target the policy sets', () => {
    const english = structuredClone(doc)
    english.responses.target = { hours: 8, workingHoursOnly: false, openingHours: null }
    const { bio, website } = boardNotice(english, 'City Library', 'en')
    expect(bio).toBe(
      'This account is run by City Library. What you write here is seen by everyone. We remove what breaks the law or our rules.',
    )
    expect(website).toContain('answer within 8 hours.')
    expect(website).toContain("Read our rules in the library's social media policy")
  })

  it('keeps the bio within 300 characters whatever the name and link', () => {
    const longName = 'Bibliotek '.repeat(20).trim()
    const longUrl = `https://example.se/${'a'.repeat(250)}`
    for (const [name, rulesUrl] of [
      [longName, url],
      ['Kort', longUrl],
      [longName, longUrl],
      ['B'.repeat(400), null],
    ] as const) {
      const { bio } = boardNotice(doc, name, 'sv', { rulesUrl })
      expect(bio.length).toBeLessThanOrEqual(BIO_MAX)
      expect(bio).toContain('Vi tar bort det som bryter mot lagen eller våra regler.')
    }
    // The link matters more than saying posts are public.
    const name = 'Bibliotek '.repeat(15).trim()
    const { bio } = boardNotice(doc, name, 'sv', { rulesUrl: url })
    expect(bio).toBe(
      `Kontot drivs av ${name}. Vi tar bort det som bryter mot lagen eller våra regler. Regler: ${url}`,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { approvedPolicy, applyFix, check, marked, of } from './testing.js'

describe('hashtags', () => {
  it('offers CamelCase for a tag made of known words', () => {
    const text = 'Vad läser du i sommar? #sommarlov'
    const [finding] = of(check(text), 'hashtags', 'camel-case')
    expect(finding).toMatchObject({ severity: 'hint' })
    expect(marked(text, finding)).toBe('#sommarlov')
    expect(applyFix(text, finding)).toBe('Vad läser du i sommar? #SommarLov')
  })

  it('splits several words and keeps a trailing year', () => {
    expect(
      applyFix('Tipsa oss! #läsmerböcker', of(check('Tipsa oss! #läsmerböcker'), 'hashtags')[0]),
    ).toBe('Tipsa oss! #LäsMerBöcker')
    const text = 'Hur många har du läst? #sommarboken2025'
    expect(applyFix(text, of(check(text), 'hashtags')[0])).toBe(
      'Hur många har du läst? #SommarBoken2025',
    )
  })

  it('only capitalises the first letter of a long tag it cannot split, and says why', () => {
    const text = 'Har du läst vinnaren? #augustpriset'
    const [finding] = of(check(text), 'hashtags', 'camel-case')
    expect(applyFix(text, finding)).toBe('Har du läst vinnaren? #Augustpriset')
    expect(finding!.why).toContain('Om taggen består av flera ord')
  })

  it('leaves single words and tags already in CamelCase alone', () => {
    expect(of(check('Vad läser du? #bibliotek #deckare #SommarLov'), 'hashtags')).toEqual([])
  })

  it('warns about more tags than the policy allows and marks the extra ones', () => {
    const text = 'Vad läser du? #Bibliotek #Böcker #Läsning #Bokcirkel #Sommarlov'
    const [finding] = of(check(text), 'hashtags', 'count')
    expect(finding!.message).toBe('5 hashtaggar – högst 3 rekommenderas')
    expect(marked(text, finding)).toBe('#Bokcirkel #Sommarlov')
    const five = approvedPolicy({ rules: { hashtags: { maxCount: 5 } } })
    expect(of(check(text, { policy: five }), 'hashtags', 'count')).toEqual([])
  })

  it('warns about a tag inside the text, not about tags after the last word', () => {
    const text = 'Välkommen till #Bokcirkel i kväll! Vad läser du? #Böcker 📚'
    const findings = of(check(text), 'hashtags', 'placement')
    expect(findings.map((f) => marked(text, f))).toEqual(['#Bokcirkel'])
    expect(findings[0]!.severity).toBe('warn')
  })

  it('does not read anchors in links, HTML entities or numbers as tags', () => {
    const text =
      'Programmet: https://exempelbiblioteket.se/program#sommar. Plats nr #1 &#39; Vad tycker du?'
    expect(of(check(text), 'hashtags')).toEqual([])
  })
})

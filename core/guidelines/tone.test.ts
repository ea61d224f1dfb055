import { describe, expect, it } from 'vitest'
import { applyFix, check, marked, of } from './testing.js'

describe('tone for the audience', () => {
  it('warns about slang to a formal audience but not to young people', () => {
    const text = 'Tjena! Planen är skitbra, asså.'
    const formal = of(check(text, { audience: 'formell' }), 'tone', 'slang')
    expect(formal.map((f) => marked(text, f))).toEqual(['Tjena', 'skitbra', 'asså'])
    expect(formal[0]!.message).toBe('"Tjena" är för vardagligt för målgruppen Formella mottagare')
    expect(of(check(text, { audience: 'unga' }), 'tone')).toEqual([])
  })

  it('counts emojis and exclamation marks against the audience’s limits', () => {
    const text = 'Tack för besöket! Vi uppskattar det! 📚🙏'
    const kinds = of(check(text, { audience: 'formell' }), 'tone').map((f) => f.kind)
    expect(kinds.sort()).toEqual(['emojis', 'exclamations'])
    expect(of(check(text, { audience: 'allmanhet' }), 'tone')).toEqual([])
    expect(
      of(check('Kom! Kom! Kom! Kom!', { audience: 'allmanhet' }), 'tone', 'exclamations'),
    ).toHaveLength(1)
  })

  it('ignores exclamation marks inside links', () => {
    expect(of(check('Läs: https://exempel.se/#!/a!b!c', { audience: 'formell' }), 'tone')).toEqual(
      [],
    )
  })

  it('reads words in capitals as shouting and offers calmer case, but leaves abbreviations', () => {
    const text = 'VÄLKOMMEN till SFI, ISBN-13 och UNESCO!'
    const findings = of(check(text), 'tone', 'all-caps')
    expect(findings.map((f) => marked(text, f))).toEqual(['VÄLKOMMEN'])
    expect(applyFix(text, findings[0])).toBe('Välkommen till SFI, ISBN-13 och UNESCO!')
    expect(of(check(text, { audience: 'unga' }), 'tone')).toEqual([])
    const inside = 'Det är SUPERBRA!'
    expect(applyFix(inside, of(check(inside), 'tone', 'all-caps')[0])).toBe('Det är superbra!')
    const line = 'Program\nSTÄNGT i dag'
    expect(applyFix(line, of(check(line), 'tone', 'all-caps')[0])).toBe('Program\nStängt i dag')
  })
})

import { describe, expect, it } from 'vitest'
import { inflectedForms } from './inflection.js'
import { approvedPolicy, applyFix, check, marked, of } from './testing.js'

const policy = approvedPolicy({
  forbiddenWords: [
    { phrase: 'idiot', reason: 'Nedsättande.' },
    { phrase: 'gratis', instead: 'avgiftsfritt' },
    { phrase: 'missa inte' },
    { phrase: 'fåne' },
    { phrase: 'fans', exact: true },
    { phrase: 'f*n' },
    { phrase: '(a+)+$' },
    { phrase: '.*' },
    { phrase: '[' },
  ],
})

function found(text: string): (string | undefined)[] {
  return of(check(text, { policy }), 'forbidden-words').map((f) => marked(text, f))
}

describe('forbidden words from the policy', () => {
  it('catches inflected forms, in any case, as whole words only', () => {
    expect(found('Idioten, idioter, IDIOTERNA och idiotens bok.')).toEqual([
      'Idioten',
      'idioter',
      'IDIOTERNA',
      'idiotens',
    ])
    expect(found('En idiotsäker guide och en fånig film.')).toEqual([])
    expect(found('Fånar och fånarna.')).toEqual(['Fånar', 'fånarna'])
    expect(inflectedForms('dum')).toEqual(expect.arrayContaining(['dumma', 'dumt', 'dumme']))
    expect(inflectedForms('fågel')).toEqual(expect.arrayContaining(['fåglar', 'fåglarna']))
  })

  it('matches phrases across any whitespace, also line breaks', () => {
    expect(found('Missa  inte!\nMissa\ninte vårt program. Missar inte.')).toEqual([
      'Missa  inte',
      'Missa\ninte',
      'Missar inte',
    ])
    expect(found('Missa gärna inte.')).toEqual([])
  })

  it('offers the policy’s replacement with the same capital', () => {
    const text = 'Gratis entré för alla.'
    const [finding] = of(check(text, { policy }), 'forbidden-words')
    expect(finding!.severity).toBe('warn')
    expect(applyFix(text, finding)).toBe('Avgiftsfritt entré för alla.')
  })

  it('gives the policy’s reason as the why', () => {
    expect(of(check('Vilken idiot!', { policy }), 'forbidden-words')[0]!.why).toBe('Nedsättande.')
  })

  it('treats entries literally, so regex characters neither match everything nor hang', () => {
    expect(found('Det är f*n bra. Fan vad bra.')).toEqual(['f*n'])
    expect(found('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! Allt är .* här (a+)+$')).toEqual([
      '.*',
      '(a+)+$',
    ])
    expect(found('Inget [ i sikte här')).toEqual([])
    const started = performance.now()
    found('a'.repeat(50_000) + '!')
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('finds word edges at å, ä and ö, where ASCII word boundaries would not', () => {
    const beer = approvedPolicy({ forbiddenWords: [{ phrase: 'öl' }] })
    const text = 'Öl och bullar? Nej, men kom och möl med oss, pröva ölen!'
    const found = of(check(text, { policy: beer }), 'forbidden-words').map((f) => marked(text, f))
    expect(found).toEqual(['Öl', 'ölen'])
  })

  it('respects exact entries', () => {
    expect(found('Alla fans kom. En fan kom.')).toEqual(['fans'])
  })
})

import { describe, expect, it } from 'vitest'
import { lix } from './rules/readability.js'
import { TextFacts } from './text-facts.js'
import { check, marked, of } from './testing.js'

function score(text: string) {
  return lix(new TextFacts(text).sentences)
}

describe('LIX', () => {
  it('is words per sentence plus the percentage of words over six letters', () => {
    // 9 words, 2 sentences, 2 long words (sagostund, biblioteket): 4.5 + 22.2.
    expect(score('Vi har sagostund i dag. Kom till biblioteket nu.').lix).toBeCloseTo(26.72, 2)
  })

  it('does not end sentences at abbreviations, times or decimals, but does at line breaks', () => {
    expect(
      new TextFacts('Vi ses kl. 18.30 och t.ex. bl.a. Astrid läser. Sedan fika').sentences,
    ).toHaveLength(2)
    expect(new TextFacts('Program\nSagostund lördag\nPyssel söndag').sentences).toHaveLength(3)
  })

  it('leaves out links, tags, mentions and numbers', () => {
    expect(
      score(
        'Läs https://exempelbiblioteket.se/programmet #Sommarlovsprogram @stadsbiblioteket 2025.',
      ).words,
    ).toBe(1)
  })

  it('counts a hyphenated compound as one word', () => {
    expect(score('Harry Potter-böckerna finns.').words).toBe(3)
  })
})

describe('readability hints', () => {
  const hard =
    'Läsfrämjande insatser för barn och unga prioriteras under det kommande verksamhetsåret i enlighet med den av kommunfullmäktige antagna biblioteksplanen.'

  it('gives the LIX and the audience, as a hint', () => {
    const [finding] = of(check(hard, { audience: 'unga' }), 'readability', 'lix')
    expect(finding!.severity).toBe('hint')
    expect(finding!.message).toMatch(
      /^LIX \d+ – mycket svår text för målgruppen Unga; prova kortare/,
    )
  })

  it('holds a formal audience to an easier target than young people need', () => {
    const medium =
      'Biblioteket har öppet varje dag. Vi erbjuder böcker, tidningar, datorer och studieplatser för alla som vill läsa eller studera hos oss.'
    expect(score(medium).lix).toBeGreaterThan(35)
    expect(score(medium).lix).toBeLessThan(50)
    expect(of(check(medium, { audience: 'unga' }), 'readability')).toHaveLength(1)
    expect(of(check(medium, { audience: 'formell' }), 'readability')).toEqual([])
  })

  it('does not score a few short words, however long they are', () => {
    expect(
      of(check('Sagostund i barnavdelningen. Välkommen!', { audience: 'unga' }), 'readability'),
    ).toEqual([])
  })

  it('warns about a sentence over 25 words and marks it', () => {
    const long =
      'Kom till biblioteket på lördag, vi har pyssel, sagor och musik för alla barn, och vi bjuder på saft och bullar, och sedan blir det teater i stora salen för alla.'
    const text = `Hej! ${long} Vad vill du göra?`
    const [finding] = of(check(text), 'readability', 'long-sentence')
    expect(finding).toMatchObject({
      severity: 'warn',
      message: 'Lång mening (31 ord) – dela gärna upp den',
    })
    expect(marked(text, finding)).toBe(long)
  })
})

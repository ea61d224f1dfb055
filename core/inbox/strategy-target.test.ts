import { describe, expect, it } from 'vitest'
import { strategyDocumentSchema } from '../schemas/strategy.js'
import { policyMarkdown, policyOutline } from '../strategy/policy-outline.js'
import { starterStrategy } from '../strategy/starter.js'
import { DEFAULT_RESPONSE_TARGET, TYPICAL_OPENING_HOURS } from './response-time.js'

const meta = {
  libraryName: 'Stadsbiblioteket',
  versionNumber: 1,
  approvedAt: '2026-12-01T09:00:00Z',
}

describe('the answer target in the strategy', () => {
  it('gives a document stored before the target existed the default target', () => {
    const stored = JSON.parse(JSON.stringify(starterStrategy())) as {
      responses: Record<string, unknown>
    }
    delete stored.responses.target
    const doc = strategyDocumentSchema.parse(stored)
    expect(doc.responses.target).toEqual(DEFAULT_RESPONSE_TARGET)
  })

  it('refuses a target out of bounds, as any other field', () => {
    const doc = starterStrategy()
    doc.responses.target = { hours: 0, workingHoursOnly: true, openingHours: null }
    const result = strategyDocumentSchema.safeParse(doc)
    expect(result.error?.issues[0]?.path).toEqual(['responses', 'target', 'hours'])
  })

  it('is written into the policy document, in both languages', () => {
    const doc = starterStrategy()
    expect(policyMarkdown(doc, meta, 'sv')).toContain('inom 24 timmar på vardagar')
    doc.responses.target = { hours: 8, workingHoursOnly: true, openingHours: TYPICAL_OPENING_HOURS }
    const responses = policyOutline(doc, 'en').find((s) => s.id === 'responses')!
    expect(responses.blocks).toContainEqual({
      kind: 'terms',
      items: expect.arrayContaining([
        {
          term: 'Answer target the inbox follows up',
          text: 'within 8 hours counted in opening hours',
        },
      ]),
    })
  })
})

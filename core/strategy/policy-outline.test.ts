import { describe, expect, it } from 'vitest'
import { strategyDocumentSchema } from '../schemas/strategy.js'
import { policyMarkdown, policyOutline, policyPlainText } from './policy-outline.js'
import { starterStrategy } from './starter.js'

const meta = {
  libraryName: 'Stadsbiblioteket',
  versionNumber: 2,
  approvedAt: '2026-03-01T09:00:00Z',
}

describe('the policy document', () => {
  it('starts from a starter text the schema accepts, with every workshop section', () => {
    const starter = strategyDocumentSchema.parse(starterStrategy())
    expect(policyOutline(starter, 'sv').map((s) => s.id)).toEqual([
      'why',
      'goals',
      'audiences',
      'channels',
      'planning',
      'content',
      'responses',
      'measurement',
      'roles',
      'voice',
      'guidelines',
    ])
  })

  it('leaves out empty sections and empty rows', () => {
    const doc = starterStrategy()
    doc.goals = [{ goal: '', metric: '', target: null, unit: '', deadline: null, measure: null }]
    doc.roles = []
    doc.why.strengths = ['', 'Mötesplatser']
    const outline = policyOutline(doc, 'sv')
    expect(outline.map((s) => s.id)).not.toContain('goals')
    expect(outline.map((s) => s.id)).not.toContain('roles')
    expect(outline[0]!.blocks).toContainEqual({ kind: 'list', items: ['Mötesplatser'] })
  })

  it('writes goals with numbers and dates, and rules in plain words', () => {
    const doc = starterStrategy()
    doc.goals = [
      {
        goal: 'Fler följare',
        metric: 'Följare',
        target: 1500,
        unit: 'följare',
        deadline: '2026-12-31',
        measure: null,
      },
    ]
    const md = policyMarkdown(doc, { ...meta, approvedBy: 'Astrid' }, 'sv')
    expect(md).toContain('_Version 2, godkänd 2026-03-01 av Astrid._')
    expect(md).toMatch(/- Fler följare \(Följare, Mål: 1\s500 följare, senast 2026-12-31\)/)
    expect(md).toContain('- Högst 3 emojier (varnar)')
    expect(md).toContain(
      '- Inga personuppgifter: personnummer, telefonnummer, e-postadresser (stoppar publicering)',
    )
    expect(policyMarkdown(doc, meta, 'en')).toContain('## Why we are on social media')
  })

  it('escapes the library’s text so that it cannot become Markdown', () => {
    const doc = starterStrategy()
    doc.why.mission = '# Inte en rubrik [länk](http://x) <script>'
    const md = policyMarkdown(doc, meta, 'sv')
    expect(md).toContain('\\# Inte en rubrik \\[länk\\](http://x) \\<script\\>')
  })

  it('reads an archived version (its JSON as approved) as the policy, not as code', () => {
    const doc = starterStrategy()
    doc.why.strengths = ['Mötesplatser', 'Kunniga bibliotekarier']
    const text = policyPlainText(JSON.stringify(doc), 'sv')
    expect(text).not.toContain('{')
    expect(text).not.toContain('"why"')
    const titles = policyOutline(strategyDocumentSchema.parse(doc), 'sv').map((s) => s.title)
    for (const title of titles) expect(text).toContain(`${title}\n`)
    expect(text).toContain('– Mötesplatser\n– Kunniga bibliotekarier')
    expect(policyPlainText(JSON.stringify(doc), 'en')).toContain(
      policyOutline(strategyDocumentSchema.parse(doc), 'en')[0]!.title,
    )
    // What is not a policy document is shown as stored.
    expect(policyPlainText('v1', 'sv')).toBe('v1')
    expect(policyPlainText('{"why": 1}', 'sv')).toBe('{"why": 1}')
  })
})

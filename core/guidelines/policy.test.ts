import { describe, expect, it } from 'vitest'
import { checkPost } from './check.js'
import { compilePolicy } from './compile.js'
import { DEFAULT_POLICY, guidelinePolicySchema } from './policy.js'
import { approvedPolicy, BOTH_NETWORKS, check, of } from './testing.js'

describe('the guideline policy', () => {
  it('fills every rule with the defaults of the domain guide', () => {
    expect(DEFAULT_POLICY.policySource).toBe('default')
    expect(DEFAULT_POLICY.rules['personal-data'].severity).toBe('block')
    expect(DEFAULT_POLICY.rules.hashtags.maxCount).toBe(3)
    expect(DEFAULT_POLICY.rules['emoji-count'].maxCount).toBe(3)
    expect(DEFAULT_POLICY.rules.readability.maxSentenceWords).toBe(25)
    expect(DEFAULT_POLICY.rules.skyltfonster.maxPromotionalShare).toBe(0.7)
    expect(DEFAULT_POLICY.audiences.map((a) => [a.id, a.lixMax])).toEqual([
      ['unga', 35],
      ['allmanhet', 45],
      ['formell', 50],
    ])
    expect(Object.isFrozen(DEFAULT_POLICY.rules)).toBe(true)
  })

  it('refuses a default audience that does not exist and duplicate audiences', () => {
    expect(guidelinePolicySchema.safeParse({ defaultAudience: 'barn' }).success).toBe(false)
    const twice = [DEFAULT_POLICY.audiences[0], DEFAULT_POLICY.audiences[0]]
    expect(
      guidelinePolicySchema.safeParse({ audiences: twice, defaultAudience: 'unga' }).success,
    ).toBe(false)
  })

  it('applies the defaults, and says so, until the library approves its policy', () => {
    const draft = guidelinePolicySchema.parse({ forbiddenWords: [{ phrase: 'gratis' }] })
    const findings = checkPost(
      { text: 'Gratis kaffe i dag.', images: [], channels: BOTH_NETWORKS, locale: 'sv' },
      draft,
    )
    expect(of(findings, 'forbidden-words')).toEqual([])
    expect(of(findings, 'policy')[0]).toMatchObject({
      severity: 'hint',
      message: 'Biblioteket har ingen godkänd policy än; standardreglerna gäller',
    })
    const approved = { ...draft, policySource: 'approved' as const }
    const enforced = checkPost(
      { text: 'Gratis kaffe i dag.', images: [], channels: BOTH_NETWORKS, locale: 'sv' },
      approved,
    )
    expect(of(enforced, 'forbidden-words')).toHaveLength(1)
    expect(of(enforced, 'policy')).toEqual([])
  })

  it('turns a rule off and changes its severity', () => {
    const policy = approvedPolicy({
      rules: { 'image-alt': { enabled: false }, 'emoji-count': { severity: 'block' } },
    })
    const findings = check('Hej 📚📚📚📚 Vad läser du?', { images: [{ alt: '' }], policy })
    expect(of(findings, 'image-alt')).toEqual([])
    expect(of(findings, 'emoji-count')[0]!.severity).toBe('block')
  })

  it('falls back to the default audience for an unknown one', () => {
    const text = 'Tjena! Planen är skitbra.'
    expect(of(check(text, { audience: 'okänd' }), 'tone')).toEqual([])
  })

  it('orders findings: blocking first, then warnings, then hints, each in text order', () => {
    const findings = check('Ring 070-174 06 52! 📚📚📚📚 #sommarlov', { images: [{ alt: '' }] })
    const severities = findings.map((f) => f.severity)
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['block', 'warn', 'hint'].indexOf(a) - ['block', 'warn', 'hint'].indexOf(b),
      ),
    )
    expect(findings[0]!.ruleId).toBe('personal-data')
  })

  it('compiles a policy once and reuses it', () => {
    const policy = approvedPolicy()
    expect(compilePolicy(policy)).toBe(compilePolicy(policy))
    expect(compilePolicy(approvedPolicy())).not.toBe(compilePolicy(policy))
  })
})

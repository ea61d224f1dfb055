import { describe, expect, it } from 'vitest'
import { moderationInputSchema } from '../schemas/inbox.js'
import {
  MODERATION_REASONS,
  isModerationReason,
  moderationReasonLabel,
  moderationReasonSchema,
} from './moderation-reasons.js'

describe('moderation reasons', () => {
  it('names the crimes of lag (1998:112) 5 § and the library’s own rules, apart', () => {
    const fromLaw = MODERATION_REASONS.filter((r) => r.fromLaw).map((r) => r.label.sv)
    expect(fromLaw).toEqual([
      'Olaga hot',
      'Olaga integritetsintrång',
      'Uppvigling',
      'Hets mot folkgrupp',
      'Barnpornografibrott',
      'Olaga våldsskildring',
      'Offentlig uppmaning till terrorism',
      'Intrång i upphovsrätt',
    ])
    expect(MODERATION_REASONS.filter((r) => !r.fromLaw).map((r) => r.id)).toEqual(['library_rules'])
  })

  it('has unique ids that fit the inbox API, and words in both languages', () => {
    const ids = MODERATION_REASONS.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const r of MODERATION_REASONS) {
      expect(
        moderationInputSchema.safeParse({
          action: 'hide_reply',
          reasonCategory: r.id,
          reason: 'Se policyn',
        }).success,
      ).toBe(true)
      expect(r.label.sv && r.label.en && r.hint.sv && r.hint.en).toBeTruthy()
      expect(r.fromLaw).toBe(r.legalRef !== null)
    }
  })

  it('parses and labels reasons, refusing made-up ones', () => {
    expect(moderationReasonSchema.safeParse('unlawful_threat').success).toBe(true)
    expect(moderationReasonSchema.safeParse('rude').success).toBe(false)
    expect(isModerationReason('library_rules')).toBe(true)
    expect(moderationReasonLabel('unlawful_threat', 'sv')).toBe('Olaga hot (BrB 4 kap. 5 §)')
    expect(moderationReasonLabel('library_rules', 'en')).toBe("Breaks the library's rules")
    expect(moderationReasonLabel('gone', 'sv')).toBe('gone')
  })
})

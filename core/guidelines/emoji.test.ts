import { describe, expect, it } from 'vitest'
import { findEmojis } from './emoji.js'
import { approvedPolicy, check, marked, of } from './testing.js'

describe('counting emojis as readers see them', () => {
  it.each([
    ['👨‍👩‍👧‍👦', 1],
    ['👍🏽👍🏿', 2],
    ['🇸🇪🇺🇦', 2],
    ['1️⃣2️⃣', 2],
    ['🏳️‍🌈', 1],
    ['❤️ och ❤', 2],
    ['© Exempelkommun ® ™ ↔', 0],
    ['Läs mer → här', 0],
    ['é och e\u0301 och å', 0],
  ])('%s holds %i emojis', (text, count) => {
    expect(findEmojis(text)).toHaveLength(count)
  })

  it('warns past three emojis and marks the extra ones', () => {
    const text = 'Sommarlov! ☀️🏖️📚🍦 Vad ska du läsa?'
    const [finding] = of(check(text), 'emoji-count')
    expect(finding).toMatchObject({
      severity: 'warn',
      message: '4 emojier – högst 3 rekommenderas',
    })
    expect(marked(text, finding)).toBe('🍦')
  })

  it('does not warn for three, however complex each one is', () => {
    expect(of(check('Familjeläsning 👨‍👩‍👧‍👦👩🏽‍🤝‍👩🏻🇸🇪 Vad läser ni?'), 'emoji-count')).toEqual([])
  })

  it('follows the policy’s limit', () => {
    const policy = approvedPolicy({ rules: { 'emoji-count': { maxCount: 1 } } })
    expect(of(check('Hej 📚📖', { policy }), 'emoji-count')).toHaveLength(1)
  })
})

import { describe, expect, it } from 'vitest'
import { compilePolicy } from './compile.js'
import { findIdentityNumbers, findPhoneNumbers } from './personal-data-scan.js'
import { TextFacts } from './text-facts.js'
import { approvedPolicy, check } from './testing.js'

const policy = approvedPolicy({
  forbiddenWords: [
    { phrase: '(a+)+$' },
    { phrase: '.*' },
    { phrase: 'idiot' },
    { phrase: 'missa inte' },
  ],
  allowedContacts: ['08-465 004 00'],
})

// Inputs that make naive regular expressions backtrack or naive scans go quadratic.
const HOSTILE: [string, string][] = [
  ['letters', 'a'.repeat(100_000)],
  ['digits', '1'.repeat(100_000)],
  ['dotted labels', 'a.'.repeat(50_000)],
  ['at signs', 'a@'.repeat(50_000)],
  ['hashes', '#a'.repeat(50_000)],
  ['digit runs with hyphens', '070-'.repeat(25_000)],
  ['words', 'Välkommen till biblioteket idag! '.repeat(3_000)],
  ['emoji', '👨‍👩‍👧‍👦'.repeat(10_000)],
  ['urls', 'https://exempelbiblioteket.se/a?b=c '.repeat(3_000)],
  ['mixed scripts', 'Библиотека مكتبة 图书馆 Bibliotek 070-174 06 52 '.repeat(2_000)],
]

describe('big and hostile texts', () => {
  it.each(HOSTILE)('checks 100,000 characters of %s in well under a second', (_, text) => {
    const started = performance.now()
    const findings = check(text, { policy, images: [{ alt: '' }] })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(findings.some((f) => f.ruleId === 'length' && f.severity === 'block')).toBe(true)
  })

  // checkPost reads only the start of a huge text; the scanners must stay linear anyway.
  it.each(HOSTILE)('scans all of 100,000 characters of %s in linear time', (_, text) => {
    const started = performance.now()
    const facts = new TextFacts(text)
    void [facts.links, facts.sentences, facts.emojis, facts.lower]
    findIdentityNumbers(text)
    findPhoneNumbers(text, [])
    compilePolicy(policy).forbidden.find(facts, ['text'])
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('caps how many findings one rule reports', () => {
    const findings = check('Ring 070-174 06 52. '.repeat(500), { policy })
    expect(findings.filter((f) => f.ruleId === 'personal-data')).toHaveLength(50)
  })

  it('handles mixed scripts and right-to-left text without inventing findings', () => {
    const text = 'مرحبا بكم في المكتبة! Добро пожаловать! 欢迎! Vilket språk läser du?'
    const rules = check(text, { policy }).map((f) => f.ruleId)
    expect(rules).toEqual([])
  })
})

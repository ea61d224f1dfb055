import { describe, expect, it } from 'vitest'
import { type PathFacts, nextStep, pathSteps } from './path.js'
import { BUILT_IN_LINES, movesToPrivateChannel, pickLine } from './personas.js'

const nothing: PathFacts = {
  policy: { approved: true, confirmedAt: null, confirmedOlder: false },
  firstPracticePostAt: null,
  answered: { question: null, complaint: null, personal: null },
  personalAnsweredInPublic: false,
  approvedByColleagueAt: null,
  realPostAt: null,
}

describe('the staff path', () => {
  it('counts the answers step done only when all three kinds are answered, at the last of them', () => {
    const two = {
      ...nothing,
      answered: { question: '2026-01-02', complaint: '2026-01-01', personal: null },
    }
    expect(pathSteps(two).find((s) => s.step === 'answers')!.doneAt).toBeNull()
    const three = { ...two, answered: { ...two.answered, personal: '2026-01-03' } }
    expect(pathSteps(three).find((s) => s.step === 'answers')!.doneAt).toBe('2026-01-03')
    expect(nextStep(pathSteps(three))).toBe('policy')
  })

  it('hears a move to e-mail or phone in Swedish and English, and not a public promise', () => {
    expect(movesToPrivateChannel('Mejla oss på info@bibliotek.se så hjälper vi dig.')).toBe(true)
    expect(movesToPrivateChannel('Ring oss på 08-123 45 67 så tittar vi på det.')).toBe(true)
    expect(movesToPrivateChannel('Please e-mail us and we will look into it.')).toBe(true)
    expect(movesToPrivateChannel('Vi tittar på ditt lånekort och återkommer här.')).toBe(false)
  })

  it("lets the library's own lines take turns with the built-in ones", () => {
    const own = [
      { lesson: 'question' as const, persona: 'own', personaName: 'Tove', text: 'Wifi?' },
    ]
    const lines = [0, 1, 2, 3, 4].map((n) => pickLine('question', own, n).text)
    expect(lines).toEqual([...BUILT_IN_LINES.question.map((l) => l.text), 'Wifi?', lines[0]])
  })
})

import { describe, expect, it } from 'vitest'
import { CORPUS_POLICY, CORPUS_STREAMS, HELD_OUT_POSTS, TUNING_POSTS } from './corpus/index.js'
import { evaluateCorpus, precision, recall } from './corpus/evaluate.js'
import { POST_RULE_IDS } from './types.js'

const evaluation = evaluateCorpus(TUNING_POSTS, CORPUS_STREAMS, CORPUS_POLICY)

describe('the Swedish sample corpus', () => {
  it('has at least 200 tuning posts with unique ids, each rule with true and false cases', () => {
    expect(TUNING_POSTS.length).toBeGreaterThanOrEqual(200)
    expect(new Set(TUNING_POSTS.map((p) => p.id)).size).toBe(TUNING_POSTS.length)
    for (const id of POST_RULE_IDS) {
      const positives = TUNING_POSTS.filter((p) => p.expect.includes(id)).length
      expect(positives, id).toBeGreaterThanOrEqual(5)
      expect(TUNING_POSTS.length - positives, id).toBeGreaterThanOrEqual(5)
    }
  })

  it('keeps the held-out posts apart from the tuning posts', () => {
    expect(HELD_OUT_POSTS.length).toBeGreaterThanOrEqual(30)
    const tuning = new Set(TUNING_POSTS.flatMap((p) => [p.id, p.text]))
    const shared = HELD_OUT_POSTS.filter((p) => tuning.has(p.id) || tuning.has(p.text))
    expect(shared.map((p) => p.id)).toEqual([])
  })

  it.each([...POST_RULE_IDS, 'skyltfonster' as const])('%s fires with precision ≥ 0.95', (id) => {
    const score = evaluation.rules[id]
    expect(
      precision(score),
      `false alarms: ${score.falseAlarms.join(', ')}`,
    ).toBeGreaterThanOrEqual(0.95)
  })

  it('finds personnummer and samordningsnummer with precision and recall ≥ 0.99', () => {
    for (const kind of ['personnummer', 'samordningsnummer'] as const) {
      const score = evaluation.personalData[kind]
      expect(
        precision(score),
        `${kind} false alarms: ${score.falseAlarms.join(', ')}`,
      ).toBeGreaterThanOrEqual(0.99)
      expect(recall(score), `${kind} misses: ${score.misses.join(', ')}`).toBeGreaterThanOrEqual(
        0.99,
      )
    }
  })

  it('finds personal data of every kind with precision ≥ 0.95', () => {
    for (const [kind, score] of Object.entries(evaluation.personalData)) {
      expect(precision(score), `${kind}: ${score.falseAlarms.join(', ')}`).toBeGreaterThanOrEqual(
        0.95,
      )
    }
  })
})

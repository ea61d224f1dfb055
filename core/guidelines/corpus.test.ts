import { describe, expect, it } from 'vitest'
import { CORPUS_POLICY, CORPUS_POSTS, CORPUS_STREAMS, HELD_OUT_POSTS } from './corpus/index.js'
import { evaluateCorpus, precision, recall } from './corpus/evaluate.js'
import { POST_RULE_IDS } from './types.js'

const evaluation = evaluateCorpus(CORPUS_POSTS, CORPUS_STREAMS, CORPUS_POLICY)

describe('the Swedish sample corpus', () => {
  it('has at least 200 posts with unique ids, each rule with true and false cases', () => {
    expect(CORPUS_POSTS.length).toBeGreaterThanOrEqual(200)
    expect(new Set(CORPUS_POSTS.map((p) => p.id)).size).toBe(CORPUS_POSTS.length)
    for (const id of POST_RULE_IDS) {
      const positives = CORPUS_POSTS.filter((p) => p.expect.includes(id)).length
      expect(positives, id).toBeGreaterThanOrEqual(5)
      expect(CORPUS_POSTS.length - positives, id).toBeGreaterThanOrEqual(5)
    }
    expect(HELD_OUT_POSTS.every((p) => CORPUS_POSTS.includes(p))).toBe(true)
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

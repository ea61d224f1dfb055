import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS } from '../../composer/limits.js'
import { checkPost, checkStream } from '../check.js'
import type { PersonalDataKind } from '../personal-data-scan.js'
import type { GuidelinePolicy } from '../policy.js'
import { POST_RULE_IDS, type Finding, type PostChannel, type RuleId } from '../types.js'
import type { CorpusPost, CorpusStream } from './types.js'

export const CORPUS_CHANNELS: PostChannel[] = [
  { network: 'bluesky', limits: BLUESKY_LIMITS },
  { network: 'mastodon', limits: MASTODON_DEFAULT_LIMITS },
]

export interface Score {
  truePositives: number
  falsePositives: number
  falseNegatives: number
  /** Ids of the samples that were wrong, for reading. */
  misses: string[]
  falseAlarms: string[]
}

export function precision(s: Score): number {
  const fired = s.truePositives + s.falsePositives
  return fired === 0 ? 1 : s.truePositives / fired
}

export function recall(s: Score): number {
  const expected = s.truePositives + s.falseNegatives
  return expected === 0 ? 1 : s.truePositives / expected
}

function emptyScore(): Score {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, misses: [], falseAlarms: [] }
}

function tally(score: Score, id: string, expected: boolean, fired: boolean): void {
  if (expected && fired) score.truePositives++
  else if (fired) {
    score.falsePositives++
    score.falseAlarms.push(id)
  } else if (expected) {
    score.falseNegatives++
    score.misses.push(id)
  }
}

export interface Evaluation {
  /** Per rule: does it fire on the post (any severity) when it should. */
  rules: Record<RuleId, Score>
  /** Per kind of personal data: each piece found, with the right kind. */
  personalData: Record<PersonalDataKind, Score>
  posts: number
  streams: number
}

export function evaluateCorpus(
  posts: CorpusPost[],
  streams: CorpusStream[],
  policy: GuidelinePolicy,
): Evaluation {
  const rules = Object.fromEntries(
    [...POST_RULE_IDS, 'skyltfonster'].map((id) => [id, emptyScore()]),
  ) as Record<RuleId, Score>
  const personalData: Record<PersonalDataKind, Score> = {
    personnummer: emptyScore(),
    samordningsnummer: emptyScore(),
    phone: emptyScore(),
    email: emptyScore(),
  }
  for (const sample of posts) {
    const findings = checkPost(
      {
        text: sample.text,
        images: sample.images,
        channels: CORPUS_CHANNELS,
        audience: sample.audience,
        locale: 'sv',
      },
      policy,
    )
    for (const id of POST_RULE_IDS) {
      tally(
        rules[id],
        sample.id,
        sample.expect.includes(id),
        findings.some((f) => f.ruleId === id),
      )
    }
    scorePersonalData(sample, findings, personalData)
  }
  for (const s of streams) {
    const fired =
      checkStream(
        s.posts.map((text) => ({ text })),
        policy,
      ).length > 0
    tally(rules.skyltfonster, s.id, s.expect, fired)
  }
  return { rules, personalData, posts: posts.length, streams: streams.length }
}

/** Each expected piece must be found with its kind; each finding must be an expected piece. */
function scorePersonalData(
  sample: CorpusPost,
  findings: Finding[],
  scores: Record<PersonalDataKind, Score>,
): void {
  const found = findings
    .filter((f) => f.ruleId === 'personal-data' && f.range)
    .map((f) => ({
      kind: f.kind as PersonalDataKind,
      text: sample.text.slice(f.range!.start, f.range!.end),
    }))
  const expected = sample.personalData
  for (const e of expected) {
    const hit = found.some((f) => f.kind === e.kind && f.text === e.text)
    tally(scores[e.kind], `${sample.id} ${e.text}`, true, hit)
  }
  for (const f of found) {
    if (!expected.some((e) => e.kind === f.kind && e.text === f.text)) {
      tally(scores[f.kind], `${sample.id} ${f.text}`, false, true)
    }
  }
}

// Guideline checks: precision and recall per rule on the Swedish sample corpus,
// and the time to check one 500-character post, as the composer does on every
// keystroke. Targets, on the tuning posts: personnummer P/R ≥ 0.99; every rule
// precision ≥ 0.95; p99 < 2 ms per 500-character post. The held-out posts,
// written after the rules were tuned and kept apart from them, are reported
// on their own: the honest measure of new text, too few per rule for a target.
import {
  CORPUS_POLICY,
  CORPUS_STREAMS,
  HELD_OUT_POSTS,
  TUNING_POSTS,
} from '../core/guidelines/corpus/index.js'
import {
  CORPUS_CHANNELS,
  type Evaluation,
  evaluateCorpus,
  precision,
  recall,
  type Score,
} from '../core/guidelines/corpus/evaluate.js'
import { checkPost } from '../core/guidelines/index.js'
import os from 'node:os'
import { check, failIfMissed } from './support.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 25_000)
const ROUNDS = 5
// Long enough for the engine to have optimised every rule before anything is measured.
const WARM_UP = 5000
const MAX_MS = 2

const fmt = (n: number) => n.toFixed(3)

function row(name: string, score: Score, target: string, ok: boolean | undefined): string[] {
  if (ok !== undefined) check(name, ok)
  const expected = score.truePositives + score.falseNegatives
  return [
    name,
    String(expected),
    String(score.truePositives),
    String(score.falsePositives),
    String(score.falseNegatives),
    fmt(precision(score)),
    fmt(recall(score)),
    target,
    ok === undefined ? '' : ok ? 'ok' : 'MISSED',
  ]
}

/** Rows per rule and per kind of personal data; `targets` false reports without holding to them. */
function scoreTable(evaluation: Evaluation, targets: boolean): string[][] {
  const held = (ok: boolean) => (targets ? ok : undefined)
  const target = (text: string) => (targets ? text : '')
  const table = [['rule', 'expected', 'TP', 'FP', 'FN', 'precision', 'recall', 'target', '']]
  for (const [rule, score] of Object.entries(evaluation.rules)) {
    if (!targets && rule === 'skyltfonster' && evaluation.streams === 0) continue
    table.push(row(rule, score, target('P ≥ 0.95'), held(precision(score) >= 0.95)))
  }
  for (const kind of ['personnummer', 'samordningsnummer'] as const) {
    const score = evaluation.personalData[kind]
    const ok = precision(score) >= 0.99 && recall(score) >= 0.99
    table.push(row(`  ${kind}`, score, target('P,R ≥ 0.99'), held(ok)))
  }
  for (const kind of ['phone', 'email'] as const) {
    const score = evaluation.personalData[kind]
    table.push(row(`  ${kind}`, score, target('P ≥ 0.95'), held(precision(score) >= 0.95)))
  }
  return table
}

function wrongDecisions(evaluation: Evaluation): string {
  const lines = Object.entries(evaluation.rules).flatMap(([rule, s]) => [
    ...s.falseAlarms.map((id) => `  false alarm ${rule}: ${id}`),
    ...s.misses.map((id) => `  missed ${rule}: ${id}`),
  ])
  return lines.length > 0 ? `\n${lines.join('\n')}` : ''
}

const tuning = evaluateCorpus(TUNING_POSTS, CORPUS_STREAMS, CORPUS_POLICY)
console.log(`Tuning corpus: ${tuning.posts} posts, ${tuning.streams} streams\n`)
printTable(scoreTable(tuning, true))
console.log(wrongDecisions(tuning))

const heldOut = evaluateCorpus(HELD_OUT_POSTS, [], CORPUS_POLICY)
const wrong = Object.values(heldOut.rules).reduce(
  (n, s) => n + s.falsePositives + s.falseNegatives,
  0,
)
console.log(
  `\nHeld-out corpus: ${heldOut.posts} posts, written after tuning and never tuned on (reported, not held to the targets)\n`,
)
printTable(scoreTable(heldOut, false))
console.log(
  `${wrongDecisions(heldOut)}\n${wrong} wrong rule decisions in ${heldOut.posts} posts × ${Object.keys(heldOut.rules).length - 1} rules`,
)

// A realistic worst case: every rule has something to look at, and the post is over Bluesky's limit.
const POST = (
  'Välkommen till #bokcirkel på biblioteket i kväll kl. 18.30! Vi läser Kallocain av Karin Boye ' +
  'och pratar om makt, frihet och övervakning. Ingen anmälan behövs, men ring gärna Sara på ' +
  '070-174 06 52 eller mejla sara.lind@exempel.se om du har frågor. ISBN 978-91-0-012345-6. ' +
  'Läs mer här: https://bit.ly/3Xp7aQk 📚☕👨‍👩‍👧‍👦🇸🇪 Gratis entré för alla, idioter också. ' +
  'Kallocain skrevs 1940 och känns fortfarande aktuell, tycker vi. Välkommen! ' +
  '#sommarlov #läsglädje #Bibliotek #Böcker'
).padEnd(500, '!')

const input = (i: number) => ({
  // A keystroke changes the text: no run may reuse another's work on the text.
  text: POST.slice(0, 499) + String.fromCharCode(97 + (i % 26)),
  images: [{ alt: '' }, { alt: 'IMG_2041.jpg' }],
  channels: CORPUS_CHANNELS,
  audience: 'formell',
  locale: 'sv' as const,
})
for (let i = 0; i < WARM_UP; i++) checkPost(input(i), CORPUS_POLICY)

// The runs are measured in rounds: on a shared machine another process may
// take the cores for a while, and a garbage collection waiting for its
// helper threads then takes milliseconds. The target is held against the
// median round's p99; the worst round and all runs together are printed too.
// Collections stay in: a keystroke in the composer pays for them as well.
const perRound = Math.ceil(RUNS / ROUNDS)
const wall: number[] = []
const cpu: number[] = []
const roundP99: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const times: number[] = []
  for (let i = 0; i < perRound; i++) {
    const next = input(round * perRound + i)
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    checkPost(next, CORPUS_POLICY)
    const elapsed = performance.now() - started
    const used = process.cpuUsage(cpuBefore)
    times.push(elapsed)
    cpu.push((used.user + used.system) / 1000)
  }
  wall.push(...times)
  roundP99.push(quantile(times, 0.99))
}
const p99 = quantile(roundP99, 0.5)
const fast = check(`check of one post, p99 < ${MAX_MS} ms`, p99 < MAX_MS) === 'ok'
console.log(
  `\nCheck of a ${POST.length}-character post, ${ROUNDS} rounds of ${perRound} runs after ${WARM_UP} warm-up:`,
)
printTable([
  ['', 'median ms', 'p99 ms', 'p99.9 ms', 'target', ''],
  ['wall clock, median round', '', fmt(p99), '', `p99 < ${MAX_MS} ms`, fast ? 'ok' : 'MISSED'],
  ['wall clock, worst round', '', fmt(Math.max(...roundP99)), '', '', ''],
  [
    'wall clock, all runs',
    fmt(quantile(wall, 0.5)),
    fmt(quantile(wall, 0.99)),
    fmt(quantile(wall, 0.999)),
    '',
    '',
  ],
  [
    'CPU time',
    fmt(quantile(cpu, 0.5)),
    fmt(quantile(cpu, 0.99)),
    fmt(quantile(cpu, 0.999)),
    '',
    '',
  ],
])
// Other processes preempting this one show up in the wall-clock tail, not in CPU time
// (which counts the garbage collector's helper threads too).
const load = os.loadavg()[0]!
console.log(`load average ${load.toFixed(1)} on ${os.availableParallelism()} cores`)
if (load >= os.availableParallelism())
  console.log(
    "The machine was busy: the wall-clock tail measures other processes too. Run again on a quiet machine before reading it as this code's.",
  )
failIfMissed()

function quantile(values: number[], q: number): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length * q)]!
}

function printTable(table: string[][]): void {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)))
  for (const r of table)
    console.log(
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    )
}

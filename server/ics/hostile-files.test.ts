import { describe, expect, it } from 'vitest'
import {
  deepNesting,
  deepRecurrence,
  hugeDescription,
  manyOverrides,
  zonesTimesEvents,
} from '../test/hostile-calendars.js'
import { IcsError } from './errors.js'
import { importIcs } from './import-ics.js'

const NOW = new Date('2026-03-01T00:00:00Z')
const read = (ics: string) => importIcs(ics, { timeZone: 'Europe/Stockholm', now: NOW })

function refusal(ics: string): IcsError {
  try {
    read(ics)
  } catch (error) {
    expect(error).toBeInstanceOf(IcsError)
    return error as IcsError
  }
  throw new Error('the file was read')
}

/** Runs `fn`, and how long it took. */
function measured<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now()
  const value = fn()
  return { value, ms: performance.now() - started }
}

describe('a calendar file built to hurt', () => {
  it('refuses thousands of time zones times a hundred thousand events before building anything', () => {
    const file = zonesTimesEvents()
    expect(file.length).toBeLessThan(3.6 * 1024 * 1024)
    const { value: error, ms } = measured(() => refusal(file))
    expect(error.code).toBe('too_many_time_zones')
    expect(error.message).toContain('3000 time zones')
    expect(ms).toBeLessThan(1_000)
  })

  it('refuses a hundred thousand bare events without zones', () => {
    expect(refusal(zonesTimesEvents(0)).code).toBe('too_many_events')
  })

  it('reads as many zones and events as it allows within its budget, with a bounded list of warnings', () => {
    const { value, ms } = measured(() => read(zonesTimesEvents(100, 10_000)))
    expect(value.occurrences).toEqual([])
    expect(value.warnings).toHaveLength(101)
    expect(value.warnings.at(-1)).toMatchObject({ code: 'more_warnings' })
    expect(ms).toBeLessThan(5_000)
  })

  it('refuses components nested a thousand deep', () => {
    expect(refusal(deepNesting()).code).toBe('too_complex')
  })

  it('cuts rules that step through every second since 1970, quickly, and says which', () => {
    const { value, ms } = measured((): ReturnType<typeof read> | IcsError => {
      try {
        return read(deepRecurrence())
      } catch (error) {
        if (error instanceof IcsError) return error
        throw error
      }
    })
    expect(ms).toBeLessThan(6_500)
    if (value instanceof IcsError) expect(value.code).toBe('too_complex')
    else expect(value.coverage.incompleteUids).toContain('sekund-0')
  })

  it('reads megabytes of half-open tags in a DESCRIPTION in linear time, and keeps 20,000 characters', () => {
    const { value, ms } = measured(() => read(hugeDescription()))
    expect(ms).toBeLessThan(2_000)
    expect(value.occurrences.length).toBeGreaterThan(400)
    expect(value.occurrences[0]!.description.length).toBeLessThanOrEqual(20_000)
  })

  it('reads thousands of overrides of one series with its description shared, not copied', () => {
    const before = process.memoryUsage().heapUsed
    const { value, ms } = measured(() => read(manyOverrides()))
    const grown = process.memoryUsage().heapUsed - before
    expect(ms).toBeLessThan(5_000)
    expect(value.occurrences.length).toBeLessThanOrEqual(5_000)
    expect(value.occurrences.filter((o) => o.overridden).length).toBeGreaterThan(500)
    expect(grown).toBeLessThan(200 * 1024 * 1024)
  })
})

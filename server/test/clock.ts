import type { Clock } from '../clock.js'

export interface TestClock extends Clock {
  /** Moves the clock forward (or back, with a negative amount). */
  advance(ms: number): void
  set(at: Date | string): void
}

/** A clock standing still at `at` until the test moves it. */
export function frozenClock(at: Date | string = new Date()): TestClock {
  let t = new Date(at).getTime()
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms
    },
    set: (to) => {
      t = new Date(to).getTime()
    },
  }
}

/** Real time, shifted by however far the test has moved it. */
export function shiftedClock(): TestClock {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms
    },
    set: (to) => {
      offset = new Date(to).getTime() - Date.now()
    },
  }
}

/**
 * Where the server reads the time. Services, the job queue and the
 * publishing loop take one, so a test moves time forward instead of sleeping.
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

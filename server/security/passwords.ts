import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { RetryLaterError } from '../../core/errors.js'

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>

// OWASP's scrypt equivalents: N=2^15, r=8, p=3 costs 32 MiB per hash.
let PARAMS = { N: 2 ** 15, r: 8, p: 3 }
const KEY_LENGTH = 32
const MAX_MEM = 64 * 1024 * 1024

/**
 * Hashes run at most this many at a time, and at most HASHING_QUEUE wait for a turn; beyond
 * that the answer is "busy, try again in a moment". Unbounded, a burst of sign-ins would hold
 * 32 MiB each and take every thread libuv has, and the whole server would stall with them.
 */
export const HASHING_CONCURRENCY = 2
export const HASHING_QUEUE = 32
const BUSY_RETRY_SECONDS = 2

let running = 0
const waiting: (() => void)[] = []

/** Runs `work` in one of the hashing turns: when one is free, after a wait, or not at all. */
export async function inHashingTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHING_CONCURRENCY) {
    if (waiting.length >= HASHING_QUEUE)
      throw new RetryLaterError('server_busy', BUSY_RETRY_SECONDS)
    await new Promise<void>((resolve) => waiting.push(resolve))
  } else running++
  try {
    return await work()
  } finally {
    // The turn passes straight to the next in line, so `running` counts it without a gap.
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

/**
 * Only in Vitest's own processes (server/test/setup.ts): the suite creates and signs in
 * accounts thousands of times, and at the real cost that was a fifth of the API tests' CPU. A
 * stored hash names its own cost, so verifying is unchanged; Torget started by a test as a
 * process of its own (the command line, the browser tests) hashes at the real cost.
 */
export function lowerHashCostInTests(): void {
  if (process.env.VITEST !== 'true') throw new Error('lowerHashCostInTests is for tests only')
  PARAMS = { N: 2 ** 10, r: 8, p: 1 }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await inHashingTurn(() =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEM }),
  )
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await inHashingTurn(() =>
    scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEM,
    }),
  )
  return crypto.timingSafeEqual(actual, expected)
}

/** Spent on unknown emails so that timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password').catch((error: unknown) => {
    dummyHash = undefined
    throw error
  })
  await verifyPassword(password, await dummyHash)
}

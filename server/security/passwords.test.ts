import { describe, expect, it } from 'vitest'
import { RetryLaterError } from '../../core/errors.js'
import {
  HASHING_CONCURRENCY,
  HASHING_QUEUE,
  hashPassword,
  inHashingTurn,
  verifyPassword,
} from './passwords.js'

describe('password hashing under load', () => {
  it('runs a few at a time, queues a bounded number, and turns the rest away to retry', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let running = 0
    let most = 0
    const work = () =>
      inHashingTurn(async () => {
        most = Math.max(most, ++running)
        await held
        running--
      })
    const admitted = Array.from({ length: HASHING_CONCURRENCY + HASHING_QUEUE }, work)
    const refused = hashPassword('ett-langt-losenord')
    await expect(refused).rejects.toBeInstanceOf(RetryLaterError)
    await expect(refused).rejects.toMatchObject({ code: 'server_busy', retryAfterSeconds: 2 })
    release()
    await Promise.all(admitted)
    expect(most).toBe(HASHING_CONCURRENCY)
    // Once the queue has drained, hashing works again.
    expect(
      await verifyPassword('ett-langt-losenord', await hashPassword('ett-langt-losenord')),
    ).toBe(true)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HASHING_CONCURRENCY, HASHING_QUEUE, inHashingTurn } from '../security/passwords.js'
import { availableDialects } from '../test/databases.js'
import {
  SETUP,
  type TestApp,
  type TestResponse,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'

// What addMember gives every member.
const PASSWORD = 'ett-langt-losenord'

describe.each(await availableDialects())('sign-in limits on %s', (dialect) => {
  let app: TestApp
  const owners: string[] = []
  beforeAll(async () => {
    // One reverse proxy in front, as in most installations: it appends the address it saw.
    app = await createTestApp(dialect, { TORGET_TRUST_PROXY: 'true' })
    const { admin, libraryId } = await setUpFirstLibrary(app)
    for (const name of ['parallell', 'agare', 'vantar']) {
      const email = `${name}@bibliotek.test`
      await addMember(app, admin, libraryId, 'reader', email)
      owners.push(email)
    }
  })
  afterAll(async () => app?.close())

  /** A sign-in as a browser behind the proxy sends it; `claimed` is what the client itself wrote. */
  function signIn(from: string, email: string, password: string, claimed?: string) {
    return app
      .client()
      .request(
        'POST',
        '/api/v1/auth/sign-in',
        { email, password },
        { 'x-forwarded-for': claimed ? `${claimed}, ${from}` : from },
      )
  }

  /** Time passes: every wait so far is over, the counts stay. */
  async function waitsOver() {
    await app.database.db
      .updateTable('sign_in_throttles')
      .set({ blocked_until: new Date(Date.now() - 1000).toISOString() })
      .execute()
  }

  function expectWait(res: TestResponse, seconds: number) {
    expect(res.status).toBe(429)
    expect(res.body.error.code).toBe('too_many_attempts')
    const wait = Number(res.headers.get('retry-after'))
    // A second may pass between the attempt that set the wait and the one that meets it; and a
    // guess sent at the same moment may read the clock just before the wait was set (CI, once).
    expect(wait).toBeGreaterThanOrEqual(seconds - 1)
    expect(wait).toBeLessThanOrEqual(seconds + 1)
    expect(res.body.error.message).toBe(
      `För många försök. Försök igen om ${wait} ${wait === 1 ? 'sekund' : 'sekunder'}.`,
    )
  }

  it('counts guesses sent at once one after another: three are checked, the rest wait', async () => {
    const email = owners[0]!
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn('203.0.113.10', email, `gissning-${i}`)),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429])
    expectWait(
      answers.find((a) => a.status === 429)!,
      2,
    )
  })

  it('makes a guesser wait longer each time: 2, 4, 8 seconds', async () => {
    const email = owners[2]!
    for (let i = 0; i < 3; i++)
      expect((await signIn('203.0.113.20', email, `fel-${i}`)).status).toBe(401)
    expectWait(await signIn('203.0.113.20', email, 'fel-3'), 2)
    await waitsOver()
    expect((await signIn('203.0.113.20', email, 'fel-4')).status).toBe(401)
    expectWait(await signIn('203.0.113.20', email, 'fel-5'), 4)
    await waitsOver()
    expect((await signIn('203.0.113.20', email, 'fel-6')).status).toBe(401)
    const english = await app
      .client()
      .request(
        'POST',
        '/api/v1/auth/sign-in',
        { email, password: 'fel-7' },
        { 'x-forwarded-for': '203.0.113.20', 'accept-language': 'en' },
      )
    expect(english.status).toBe(429)
    expect(english.headers.get('retry-after')).toMatch(/^[78]$/)
    expect(english.body.error.message).toMatch(/^Too many attempts\. Try again in [78] seconds\.$/)
    // The person who knows the password, from their own computer, is not kept waiting.
    expect((await signIn('198.51.100.20', email, PASSWORD)).status).toBe(200)
  })

  it('lets the owner in from their own address while guessers from many addresses wait', async () => {
    const email = owners[1]!
    const guessers = Array.from({ length: 10 }, (_, i) => `203.0.113.${100 + i}`)
    for (const from of guessers) expect((await signIn(from, email, 'gissning')).status).toBe(401)
    // Ten failures on the account: an address that has failed here now waits for the account …
    expectWait(await signIn(guessers[0]!, email, 'gissning-igen'), 2)
    // … while the owner, from an address that has not, gets in with the right password.
    const owner = await signIn('198.51.100.31', email, PASSWORD)
    expect(owner.status).toBe(200)
    expect(owner.body.user.email).toBe(email)
  })

  // Twenty checked passwords: slow on a busy machine.
  it(
    'knows a client by the address the proxy saw, not by what the client wrote before it',
    { timeout: 90_000 },
    async () => {
      // One machine trying many accounts, making up a new X-Forwarded-For entry each time.
      const answers = []
      for (let i = 0; i < 21; i++)
        answers.push(
          await signIn('203.0.113.40', `nr${i}@bibliotek.test`, 'gissning', `10.0.${i}.1`),
        )
      expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(401))
      expectWait(answers[20]!, 2)
      // The library's colleague sharing no address with it is untouched.
      expect((await signIn('198.51.100.40', SETUP.email, SETUP.password)).status).toBe(200)
    },
  )

  it('answers "busy, try again" when too many passwords are being checked, and counts nothing', async () => {
    // Every turn taken and every place in the queue too, until the test lets go.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const load = Array.from({ length: HASHING_CONCURRENCY + HASHING_QUEUE }, () =>
      inHashingTurn(() => held),
    )
    try {
      const busy = await signIn('203.0.113.50', SETUP.email, SETUP.password)
      expect(busy.status).toBe(503)
      expect(busy.headers.get('retry-after')).toBe('2')
      expect(busy.body.error.message).toBe(
        'Torget kontrollerar många lösenord just nu. Försök igen om 2 sekunder.',
      )
      // A reset link is checked before any password is hashed: a bad one is told so at once.
      const reset = await app.client().post('/api/v1/auth/password-reset/confirm', {
        token: 'x'.repeat(43),
        password: 'ett-nytt-langt-losenord',
      })
      expect([reset.status, reset.body.error.code]).toEqual([400, 'reset_token_invalid'])
    } finally {
      release()
      await Promise.all(load)
    }
    const rows = await app.database.db
      .selectFrom('sign_in_throttles')
      .select('failures')
      .where('key', '=', `pair:${SETUP.email} 203.0.113.50`)
      .execute()
    expect(rows.map((r) => r.failures)).toEqual([0])
    expect((await signIn('203.0.113.50', SETUP.email, SETUP.password)).status).toBe(200)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../logger.js'
import { availableDialects } from '../test/databases.js'
import { SETUP, type TestApp, createTestApp } from '../test/harness.js'
import { type Torget, buildTorget } from '../wiring.js'

describe.each(await availableDialects())('the one-time setup code on %s', (dialect) => {
  let app: TestApp
  let otherProcess: Torget
  beforeAll(async () => {
    // No TORGET_SETUP_CODE: the code is generated, as on a fresh installation.
    app = await createTestApp(dialect, { TORGET_SETUP_CODE: '' })
    otherProcess = await buildTorget(app.config, createLogger('silent'))
  })
  afterAll(async () => {
    await otherProcess?.close()
    await app?.close()
  })

  it('lets only someone who has the code printed at start create the first account', async () => {
    const printed = await app.torget.services.auth.setupCode()
    expect(printed).toEqual({
      code: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
      fromEnvironment: false,
    })
    // Another process on the same database (a second web process, a worker, doctor) agrees.
    expect(await otherProcess.services.auth.setupCode()).toEqual(printed)

    const stranger = app.client()
    const { setupCode: _, ...withoutCode } = SETUP
    const missing = await stranger.post('/api/v1/setup', withoutCode)
    expect([missing.status, missing.body.error.code]).toEqual([400, 'validation_failed'])
    const guessed = await stranger.post('/api/v1/setup', { ...SETUP, setupCode: 'ABCD-EFGH-JKMN' })
    expect(guessed.status).toBe(403)
    expect(guessed.body.error).toEqual({
      code: 'setup_code_invalid',
      message:
        'Installationskoden stämmer inte. Den skrevs ut när Torget startade, och kommandot torget doctor visar den igen.',
      requestId: expect.any(String),
    })
    expect((await stranger.get('/api/v1/setup')).body.needed).toBe(true)

    const admin = app.client()
    const done = await admin.post('/api/v1/setup', { ...SETUP, setupCode: printed!.code })
    expect(done.status).toBe(201)
    expect(done.body.user.isInstanceAdmin).toBe(true)

    // Used up: nothing to print any more, and the same code cannot set up again.
    expect(await app.torget.services.auth.setupCode()).toBeNull()
    expect(await otherProcess.services.auth.setupCode()).toBeNull()
    const again = await stranger.post('/api/v1/setup', {
      ...SETUP,
      email: 'annan@bibliotek.test',
      setupCode: printed!.code,
    })
    expect([again.status, again.body.error.code]).toEqual([409, 'setup_done'])
  })
})

import crypto from 'node:crypto'
import fs from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Config, loadConfig } from '../config/config.js'
import { serverSecretBox } from '../security/key-ring.js'
import { secretBox } from '../security/secret-box.js'
import { channelCredentials, persistRefreshedCredentials } from '../services/channel-service.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { type RotationStep, rotateKeyCommand } from './rotate-key.js'

const STEPS: RotationStep[] = [
  'key-written',
  'row-read',
  'row-resealed',
  'all-resealed',
  'old-keys-dropped',
]
const MASTODON = 'https://mastodon.test'

class Crash extends Error {}

describe.each(await availableDialects())('torget rotate-key on %s', (dialect) => {
  const apps: TestApp[] = []
  beforeEach(() => void vi.spyOn(console, 'log').mockImplementation(() => {}))
  afterEach(() => void vi.restoreAllMocks())
  afterAll(async () => Promise.all(apps.map((a) => a.close())))

  /** A library with two channels and a Mastodon app registration, all sealed. */
  async function installation(env: Record<string, string> = {}) {
    const app = await createTestApp(dialect, env, {
      adapters: { bluesky: loopbackNetwork().adapter },
    })
    apps.push(app)
    const { admin, libraryId } = await setUpFirstLibrary(app)
    for (const identifier of ['bibliotek.test', 'barn.test']) {
      const res = await admin.post(`/api/v1/libraries/${libraryId}/channels/bluesky`, {
        identifier,
        appPassword: 'abcd-efgh',
      })
      expect(res.status).toBe(201)
    }
    await app.database.db
      .insertInto('mastodon_apps')
      .values({
        instance_url: MASTODON,
        redirect_uri: 'http://torget.test/api/v1/oauth/mastodon/callback',
        client_id: 'client-id',
        client_secret: app.torget.services.box.seal('client-secret', MASTODON),
        created_at: new Date().toISOString(),
      })
      .execute()
    return { app, admin, libraryId }
  }

  const stored = async (app: TestApp) => ({
    channels: await app.database.db
      .selectFrom('channels')
      .select(['id', 'library_id', 'credentials'])
      .orderBy('id')
      .execute(),
    secret: (await app.database.db
      .selectFrom('mastodon_apps')
      .select('client_secret')
      .executeTakeFirstOrThrow())!.client_secret,
  })

  /** What a process started now would read, with only what is on disk and in its environment. */
  async function readableAfterRestart(app: TestApp, env: Record<string, string> = {}) {
    const next = loadConfig({ TORGET_DATA_DIR: app.config.dataDir, ...env })
    const box = secretBox(next.encryptionKey, next.previousEncryptionKeys)
    const { channels, secret } = await stored(app)
    return {
      channels: channels.map((c) => JSON.parse(box.open(c.credentials, c.id))),
      secret: box.open(secret, MASTODON),
      allCurrent: [...channels.map((c) => c.credentials), secret].every(box.isCurrent),
      previousKeys: next.previousEncryptionKeys.length,
    }
  }

  it('re-seals every stored secret with a new key that running processes use at once', async () => {
    const { app, admin, libraryId } = await installation()
    const before = await stored(app)
    const oldKey = JSON.parse(fs.readFileSync(app.config.secretsFile, 'utf8')).encryptionKey

    expect(await rotateKeyCommand(app.config)).toBe(0)

    const secrets = JSON.parse(fs.readFileSync(app.config.secretsFile, 'utf8'))
    expect(secrets.encryptionKey).not.toBe(oldKey)
    expect(secrets.previousEncryptionKeys).toEqual([])
    expect(fs.statSync(app.config.secretsFile).mode & 0o777).toBe(0o600)
    const after = await stored(app)
    expect(after.secret).not.toBe(before.secret)
    expect(await readableAfterRestart(app)).toEqual({
      channels: [{ token: 'secret-token' }, { token: 'secret-token' }],
      secret: 'client-secret',
      allCurrent: true,
      previousKeys: 0,
    })
    expect(() => secretBox(Buffer.from(oldKey, 'base64')).open(after.secret, MASTODON)).toThrow()
    // The server that was running all along reads the re-sealed credentials without a restart.
    const verified = await admin.post(
      `/api/v1/libraries/${libraryId}/channels/${after.channels[0]!.id}/verify`,
    )
    expect([verified.status, verified.body.health]).toEqual([200, 'ok'])
  })

  it.each(STEPS)('loses nothing when killed after %s, and finishes when run again', async (at) => {
    const { app } = await installation()
    const crash = vi.fn((step: RotationStep) => {
      if (step === at) throw new Crash(step)
    })
    await expect(rotateKeyCommand(app.config, { afterStep: crash })).rejects.toThrow(Crash)

    const expected = {
      channels: [{ token: 'secret-token' }, { token: 'secret-token' }],
      secret: 'client-secret',
    }
    expect(await readableAfterRestart(app)).toMatchObject(expected)
    expect(app.torget.services.box.open((await stored(app)).secret, MASTODON)).toBe('client-secret')

    expect(await rotateKeyCommand(app.config)).toBe(0)
    expect(await readableAfterRestart(app)).toEqual({
      ...expected,
      allCurrent: true,
      previousKeys: 0,
    })
  })

  it.each(['key-written', 'row-read', 'row-resealed'] as const)(
    'keeps a Bluesky session a worker refreshes while the rotation is at %s',
    async (at) => {
      const { app } = await installation()
      const { store, box } = app.torget.services
      const [first] = (await stored(app)).channels
      // The worker read the credentials before the rotation began; its refresh lands mid-way.
      const previous = channelCredentials(box).open(first!)
      const persist = persistRefreshedCredentials(store, box)
      let refreshed = false
      await rotateKeyCommand(app.config, {
        async afterStep(step) {
          if (step !== at || refreshed) return
          refreshed = true
          await persist({ previous, next: { token: 'secret-token', session: 'refreshed' } })
        },
      })
      expect(refreshed).toBe(true)
      const after = await readableAfterRestart(app)
      expect(after.channels).toContainEqual({ token: 'secret-token', session: 'refreshed' })
      expect(after.allCurrent).toBe(true)
    },
  )

  it('does not write a refreshed session over credentials connected again since it was read', async () => {
    const { app } = await installation()
    const { store, box } = app.torget.services
    const [first] = (await stored(app)).channels
    const previous = channelCredentials(box).open(first!)
    await store.repos.channels.update(first!.library_id, first!.id, {
      credentials: box.seal(JSON.stringify({ token: 'connected-again' }), first!.id),
    })
    await persistRefreshedCredentials(store, box)({ previous, next: { token: 'stale' } })
    expect((await readableAfterRestart(app)).channels).toContainEqual({ token: 'connected-again' })
  })

  describe('with the key in TORGET_ENCRYPTION_KEY', () => {
    const oldKey = crypto.randomBytes(32).toString('base64')
    const newKey = crypto.randomBytes(32).toString('base64')

    it('refuses to make a key only it would know, and says the steps', async () => {
      const { app } = await installation({ TORGET_ENCRYPTION_KEY: oldKey })
      const before = await stored(app)
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      expect(await rotateKeyCommand(app.config)).toBe(1)
      const said = error.mock.calls.flat().join('\n')
      expect(said).toContain('TORGET_PREVIOUS_ENCRYPTION_KEYS=')
      expect(said).toMatch(/TORGET_ENCRYPTION_KEY=[\w+/]{43}=/)
      expect(await stored(app)).toEqual(before)
    })

    it('re-seals under the new key with the old one beside it, surviving a kill mid-way', async () => {
      const { app } = await installation({ TORGET_ENCRYPTION_KEY: oldKey })
      const rotating = { TORGET_ENCRYPTION_KEY: newKey, TORGET_PREVIOUS_ENCRYPTION_KEYS: oldKey }
      const config: Config = loadConfig({ ...envOf(app), ...rotating })
      await expect(
        rotateKeyCommand(config, {
          afterStep: () => {
            throw new Crash('after the first row')
          },
        }),
      ).rejects.toThrow(Crash)
      expect((await readableAfterRestart(app, rotating)).allCurrent).toBe(false)

      expect(await rotateKeyCommand(config)).toBe(0)
      const done = await readableAfterRestart(app, { TORGET_ENCRYPTION_KEY: newKey })
      expect(done).toEqual({
        channels: [{ token: 'secret-token' }, { token: 'secret-token' }],
        secret: 'client-secret',
        allCurrent: true,
        previousKeys: 0,
      })
    })
  })

  function envOf(app: TestApp): Record<string, string> {
    return {
      TORGET_DATA_DIR: app.config.dataDir,
      ...(app.config.databaseUrl && { DATABASE_URL: app.config.databaseUrl }),
    }
  }
})

describe('the running server’s key ring', () => {
  it('follows the secrets file, and still opens what its first key sealed', () => {
    const dir = fs.mkdtempSync('/tmp/torget-ring-')
    try {
      const config = loadConfig({ TORGET_DATA_DIR: dir })
      const box = serverSecretBox(config)
      const early = box.seal('early', 'ctx')
      const next = crypto.randomBytes(32)
      const secrets = JSON.parse(fs.readFileSync(config.secretsFile, 'utf8'))
      fs.writeFileSync(
        config.secretsFile,
        JSON.stringify({ ...secrets, encryptionKey: next.toString('base64') }),
      )
      const late = box.seal('late', 'ctx')
      expect(secretBox(next).open(late, 'ctx')).toBe('late')
      expect(box.open(early, 'ctx')).toBe('early')
      expect(serverSecretBox(loadConfig({ TORGET_DATA_DIR: dir })).open(late, 'ctx')).toBe('late')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

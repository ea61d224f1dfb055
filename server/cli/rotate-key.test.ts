import fs from 'node:fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../config/config.js'
import { secretBox } from '../security/secret-box.js'
import { availableDialects } from '../test/databases.js'
import { type TestApp, createTestApp, setUpFirstLibrary } from '../test/harness.js'
import { loopbackNetwork } from '../test/loopback-adapter.js'
import { rotateKeyCommand } from './rotate-key.js'

describe.each(await availableDialects())('torget rotate-key on %s', (dialect) => {
  let app: TestApp
  afterAll(async () => app?.close())

  it('re-seals stored channel credentials with a new key that the next start uses', async () => {
    app = await createTestApp(dialect, {}, { adapters: { bluesky: loopbackNetwork().adapter } })
    const { admin, libraryId } = await setUpFirstLibrary(app)
    await admin.post(`/api/v1/libraries/${libraryId}/channels/bluesky`, {
      identifier: 'bibliotek.test',
      appPassword: 'abcd-efgh',
    })
    const before = await app.database.db
      .selectFrom('channels')
      .select(['id', 'credentials'])
      .executeTakeFirstOrThrow()
    const oldKey = JSON.parse(fs.readFileSync(app.config.secretsFile, 'utf8')).encryptionKey

    vi.spyOn(console, 'log').mockImplementation(() => {})
    expect(await rotateKeyCommand(app.config)).toBe(0)
    vi.restoreAllMocks()

    const secrets = JSON.parse(fs.readFileSync(app.config.secretsFile, 'utf8'))
    expect(secrets.encryptionKey).not.toBe(oldKey)
    expect(secrets.previousEncryptionKeys).toEqual([])
    expect(fs.statSync(app.config.secretsFile).mode & 0o777).toBe(0o600)
    const after = await app.database.db
      .selectFrom('channels')
      .select(['id', 'credentials'])
      .executeTakeFirstOrThrow()
    expect(after.credentials).not.toBe(before.credentials)
    const next = loadConfig({ TORGET_DATA_DIR: app.config.dataDir })
    expect(JSON.parse(secretBox(next.encryptionKey).open(after.credentials, after.id))).toEqual({
      token: 'secret-token',
    })
    expect(() =>
      secretBox(Buffer.from(oldKey, 'base64')).open(after.credentials, after.id),
    ).toThrow()
  })
})

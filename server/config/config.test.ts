import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'torget-config-'))

describe('configuration', () => {
  it('starts with sensible defaults and generates its secrets once, readable only by the owner', () => {
    const dir = tmp()
    const first = loadConfig({ TORGET_DATA_DIR: dir })
    expect(first).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      roles: ['web', 'worker'],
      publicUrl: 'http://localhost:3000',
      cookieSecure: false,
    })
    expect(first.sqlitePath).toBe(path.join(dir, 'torget.sqlite'))
    expect(first.encryptionKey.length).toBe(32)
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600)
    const second = loadConfig({ TORGET_DATA_DIR: dir })
    expect(second.sessionSecret).toBe(first.sessionSecret)
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true)
    expect(Object.isFrozen(first)).toBe(true)
  })

  it('names every wrong variable and how to fix it, all at once', () => {
    let error: ConfigError | undefined
    try {
      loadConfig({
        TORGET_DATA_DIR: tmp(),
        PORT: 'åtta',
        DATABASE_URL: 'mysql://x',
        TORGET_ROLES: 'web,chef',
        TORGET_ENCRYPTION_KEY: 'kort',
      })
    } catch (e) {
      error = e as ConfigError
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect(error!.problems).toHaveLength(4)
    expect(error!.message).toContain('PORT="åtta" is not valid')
    expect(error!.message).toContain('DATABASE_URL="mysql://x"')
    expect(error!.message).toContain('TORGET_ROLES="web,chef"')
    expect(error!.message).toContain('openssl rand -base64 32')
  })

  it('reads an optional JSON config file, with the environment winning', () => {
    const dir = tmp()
    const file = path.join(dir, 'torget.json')
    fs.writeFileSync(
      file,
      JSON.stringify({ port: 4100, publicUrl: 'https://torget.bibliotek.se', logLevel: 'warn' }),
    )
    const config = loadConfig({ TORGET_DATA_DIR: dir, TORGET_CONFIG: file, LOG_LEVEL: 'error' })
    expect(config).toMatchObject({
      port: 4100,
      publicUrl: 'https://torget.bibliotek.se',
      logLevel: 'error',
      cookieSecure: true,
    })
    fs.writeFileSync(file, '{ not json')
    expect(() => loadConfig({ TORGET_DATA_DIR: dir, TORGET_CONFIG: file })).toThrow(
      /not a flat JSON object/,
    )
  })

  it('refuses to run on a damaged secrets file rather than silently replacing it', () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{"sessionSecret": "short"}')
    expect(() => loadConfig({ TORGET_DATA_DIR: dir })).toThrow(/damaged/)
  })
})

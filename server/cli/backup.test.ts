import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { backupCommand } from './backup.js'

const dirs: string[] = []

async function migratedDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torget-backup-'))
  dirs.push(dir)
  const config = loadConfig({ TORGET_DATA_DIR: dir, LOG_LEVEL: 'silent' })
  const database = openDatabase({ url: undefined, sqlitePath: config.sqlitePath })
  await migrateToLatest(database.db)
  await database.close()
  return config
}

afterEach(() => {
  vi.restoreAllMocks()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('torget backup', () => {
  it('writes the copy readable by its owner only, even under a permissive umask', async () => {
    const config = await migratedDataDir()
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const before = process.umask(0o000)
    try {
      expect(await backupCommand(config, { out: undefined })).toBe(0)
    } finally {
      process.umask(before)
    }
    const folder = path.join(config.dataDir, 'backups')
    const [file] = fs.readdirSync(folder)
    const copy = path.join(folder, file!)
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600)
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700)
    const db = new Database(copy, { readonly: true })
    expect(db.prepare('select count(*) as n from torget_migrations').get()).toMatchObject({
      n: expect.any(Number),
    })
    db.close()
  })

  it('never writes over an existing file', async () => {
    const config = await migratedDataDir()
    const out = path.join(config.dataDir, 'keep.sqlite')
    fs.writeFileSync(out, 'the earlier backup')
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await backupCommand(config, { out })).toBe(1)
    expect(error).toHaveBeenCalledWith(expect.stringContaining('already exists'))
    expect(fs.readFileSync(out, 'utf8')).toBe('the earlier backup')
  })
})

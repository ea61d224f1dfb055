import crypto from 'node:crypto'
import fs from 'node:fs'
import { type Config, secretsFileSchema, writeSecretsFile } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createStore } from '../repos/index.js'
import { secretBox } from '../security/secret-box.js'

/**
 * Re-seals every stored channel credential with a new key. With the key in
 * the secrets file, the new key is written first (the old one kept beside
 * it), the credentials are re-sealed in one transaction, and only then is the
 * old key dropped: a crash at any point loses nothing.
 */
export async function rotateKeyCommand(config: Config): Promise<number> {
  const newKey = crypto.randomBytes(32)
  const oldKeys = [config.encryptionKey, ...config.previousEncryptionKeys]
  const file = config.secretsFile
  const stored = config.encryptionKeyFromEnvironment
    ? undefined
    : secretsFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')))
  if (stored) {
    writeSecretsFile(file, {
      ...stored,
      encryptionKey: newKey.toString('base64'),
      previousEncryptionKeys: oldKeys.map((k) => k.toString('base64')),
    })
  }
  const oldBox = secretBox(config.encryptionKey, [...config.previousEncryptionKeys])
  const newBox = secretBox(newKey)
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  let count = 0
  try {
    await migrateToLatest(database.db)
    await createStore(database.db).transaction(async (repos) => {
      for (const row of await repos.channels.allCredentials()) {
        const resealed = newBox.seal(oldBox.open(row.credentials, row.id), row.id)
        await repos.channels.update(row.library_id, row.id, { credentials: resealed })
        count++
      }
    })
  } finally {
    await database.close()
  }
  if (stored) {
    writeSecretsFile(file, {
      ...stored,
      encryptionKey: newKey.toString('base64'),
      previousEncryptionKeys: [],
    })
    console.log(
      `Re-sealed the credentials of ${count} channel(s) with a new key, stored in ${file}.`,
    )
    console.log('Restart Torget so that running processes use the new key.')
  } else {
    console.log(`Re-sealed the credentials of ${count} channel(s) with a new key.`)
    console.log(
      'Your key comes from TORGET_ENCRYPTION_KEY. Set it to this value NOW, before the next start, or the channels must be reconnected:\n',
    )
    console.log(`  TORGET_ENCRYPTION_KEY=${newKey.toString('base64')}\n`)
  }
  return 0
}

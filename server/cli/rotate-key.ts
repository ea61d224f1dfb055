import crypto from 'node:crypto'
import fs from 'node:fs'
import { type Config, secretsFileSchema, writeSecretsFile } from '../config/config.js'
import { type Db, openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createRepos } from '../repos/index.js'
import { type SecretBox, secretBox } from '../security/secret-box.js'
import { commandLineActor, recordAudit } from '../services/audit-service.js'

/** The moments a rotation can be interrupted; tests stop it at each one. */
export type RotationStep =
  'key-written' | 'row-read' | 'row-resealed' | 'all-resealed' | 'old-keys-dropped'

export interface RotateKeyOptions {
  /** Called after each step has been made durable; a test throws here to play a crash. */
  afterStep?: (step: RotationStep) => void | Promise<void>
}

interface Resealed {
  resealed: number
  /** Values no known key opens: sealed with a key this installation no longer has. */
  unreadable: string[]
}

/**
 * Re-seals every stored secret (channel credentials, Mastodon app secrets)
 * with a new key, so that a crash at any moment leaves every value readable:
 *
 * - Key in the secrets file: the new key is written there first, the old one
 *   kept beside it; running processes follow the file (security/key-ring.ts),
 *   so from then on they seal with the new key and read both. Values are
 *   re-sealed one by one, each only over the very value that was read (a
 *   worker may be refreshing a Bluesky session meanwhile). Only then is the
 *   old key dropped, and anything sealed with it in the meantime re-sealed.
 *   Run again after a crash, it finishes the rotation it began.
 * - Key in TORGET_ENCRYPTION_KEY: Torget cannot change the environment of
 *   its processes, and a key that existed only in this command's output
 *   would be lost with it. So the new key is put in the environment first,
 *   with the old one in TORGET_PREVIOUS_ENCRYPTION_KEYS; this command then
 *   re-seals, and says when the old key may go.
 */
export async function rotateKeyCommand(
  config: Config,
  options: RotateKeyOptions = {},
): Promise<number> {
  if (config.encryptionKeyFromEnvironment) return rotateEnvironmentKey(config, options)
  return rotateFileKey(config, options)
}

async function rotateFileKey(config: Config, options: RotateKeyOptions): Promise<number> {
  const step = async (name: RotationStep) => options.afterStep?.(name)
  const file = config.secretsFile
  const stored = secretsFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')))
  const finishing = stored.previousEncryptionKeys.length > 0
  const newKey = finishing ? Buffer.from(stored.encryptionKey, 'base64') : crypto.randomBytes(32)
  const oldKeys = (finishing ? stored.previousEncryptionKeys : [stored.encryptionKey]).map((k) =>
    Buffer.from(k, 'base64'),
  )
  const known = [...oldKeys, ...config.previousEncryptionKeys]
  if (finishing) console.log(`Finishing the key rotation begun earlier (the key in ${file}).`)
  else {
    writeSecretsFile(file, {
      ...stored,
      encryptionKey: newKey.toString('base64'),
      previousEncryptionKeys: oldKeys.map((k) => k.toString('base64')),
    })
    await step('key-written')
  }
  const box = secretBox(newKey, known)
  const result = await withDatabase(config, async (db) => {
    const first = await resealAll(db, box, step)
    await step('all-resealed')
    writeSecretsFile(file, {
      ...stored,
      encryptionKey: newKey.toString('base64'),
      previousEncryptionKeys: [],
    })
    await step('old-keys-dropped')
    // A process that sealed with the old key a moment before it saw the new file.
    const late = await resealAll(db, box, step)
    const result = { resealed: first.resealed + late.resealed, unreadable: late.unreadable }
    await audited(db, { keyIn: 'file', finishedEarlierRun: finishing, ...counts(result) })
    return result
  })
  console.log(`Re-sealed ${result.resealed} stored secret(s) with a new key, kept in ${file}.`)
  console.log('Running Torget processes pick up the new key from that file by themselves.')
  return reportUnreadable(result)
}

async function rotateEnvironmentKey(config: Config, options: RotateKeyOptions): Promise<number> {
  if (config.previousEncryptionKeys.length === 0) {
    console.error(
      [
        'Your key comes from TORGET_ENCRYPTION_KEY, so this command cannot change it for you:',
        'a new key that existed only here would be lost with any crash. To rotate it:',
        '',
        '  1. Wherever Torget’s environment is kept (for every web and worker process), set',
        '       TORGET_PREVIOUS_ENCRYPTION_KEYS=<the value TORGET_ENCRYPTION_KEY has now>',
        `       TORGET_ENCRYPTION_KEY=${crypto.randomBytes(32).toString('base64')}`,
        '     (a new key made just now; `openssl rand -base64 32` makes one too).',
        '  2. Restart every Torget process. They read values sealed with either key and seal',
        '     with the new one.',
        '  3. Run `torget rotate-key` again, with that environment: it re-seals what is stored.',
        '  4. When it says nothing is left under the old key, remove',
        '     TORGET_PREVIOUS_ENCRYPTION_KEYS and restart.',
      ].join('\n'),
    )
    return 1
  }
  const box = secretBox(config.encryptionKey, config.previousEncryptionKeys)
  const result = await withDatabase(config, async (db) => {
    const resealed = await resealAll(db, box, async (name) => options.afterStep?.(name))
    await audited(db, { keyIn: 'environment', ...counts(resealed) })
    return resealed
  })
  console.log(`Re-sealed ${result.resealed} stored secret(s) with TORGET_ENCRYPTION_KEY.`)
  if (result.unreadable.length === 0) {
    console.log(
      'Nothing is left under an older key. Once every Torget process runs with this ' +
        'TORGET_ENCRYPTION_KEY, remove TORGET_PREVIOUS_ENCRYPTION_KEYS and restart them.',
    )
  }
  return reportUnreadable(result)
}

async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    return await work(database.db)
  } finally {
    await database.close()
  }
}

/**
 * Re-seals every value not yet under the box's current key. Each write is
 * made only over the value read; when someone wrote in between, the row is
 * read again, so a concurrent refresh is neither lost nor left under an old key.
 */
async function resealAll(
  db: Db,
  box: SecretBox,
  step: (name: RotationStep) => Promise<void>,
): Promise<Resealed> {
  const repos = createRepos(db)
  const outcome: Resealed = { resealed: 0, unreadable: [] }
  const reseal = async (
    label: string,
    read: () => Promise<string | undefined>,
    context: string,
    replace: (expected: string, next: string) => Promise<boolean>,
  ) => {
    for (;;) {
      const sealed = await read()
      if (sealed === undefined || box.isCurrent(sealed)) return
      let plain: string
      try {
        plain = box.open(sealed, context)
      } catch {
        outcome.unreadable.push(label)
        return
      }
      await step('row-read')
      if (await replace(sealed, box.seal(plain, context))) {
        outcome.resealed++
        await step('row-resealed')
        return
      }
    }
  }
  for (const row of await repos.channels.allCredentials()) {
    await reseal(
      `channel ${row.id}`,
      async () => (await repos.channels.find(row.library_id, row.id))?.credentials,
      row.id,
      (expected, next) => repos.channels.replaceCredentials(row.library_id, row.id, expected, next),
    )
  }
  for (const app of await repos.mastodonApps.allSecrets()) {
    await reseal(
      `Mastodon app on ${app.instance_url}`,
      async () =>
        (await repos.mastodonApps.find(app.instance_url, app.redirect_uri))?.client_secret,
      app.instance_url,
      (expected, next) =>
        repos.mastodonApps.replaceSecret(app.instance_url, app.redirect_uri, expected, next),
    )
  }
  return outcome
}

function counts({ resealed, unreadable }: Resealed) {
  return { resealed, unreadable: unreadable.length }
}

function audited(db: Db, details: Record<string, string | number | boolean>) {
  return recordAudit(createRepos(db), commandLineActor('rotate-key'), {
    action: 'instance.key_rotated',
    details,
  })
}

function reportUnreadable({ unreadable }: Resealed): number {
  if (unreadable.length === 0) return 0
  console.error(
    `${unreadable.length} stored secret(s) open with no key this installation has, and were left as they are:\n` +
      unreadable.map((u) => `  - ${u}`).join('\n') +
      '\nConnect those channels again under Kanaler.',
  )
  return 1
}

import fs from 'node:fs'
import { type Config, secretsFileSchema } from '../config/config.js'
import { type BoxKeys, type SecretBox, refreshingSecretBox, secretBox } from './secret-box.js'

/**
 * The box a running Torget seals and opens stored credentials with. With the
 * key in the secrets file it follows that file: `torget rotate-key` writes the
 * new key there before re-sealing anything, so a running web or worker process
 * seals with the new key from then on and opens what the rotation re-sealed,
 * without a restart. A key from the environment is fixed for the process's
 * life; its rotation begins by giving every process the new key and the old
 * one (TORGET_PREVIOUS_ENCRYPTION_KEYS), see server/cli/rotate-key.ts.
 */
export function serverSecretBox(config: Config): SecretBox {
  const initial = { key: config.encryptionKey, previous: config.previousEncryptionKeys }
  if (config.encryptionKeyFromEnvironment) return secretBox(initial.key, initial.previous)
  const fromEnvironment = config.previousEncryptionKeys
  let seen: string | undefined
  try {
    seen = fs.readFileSync(config.secretsFile, 'utf8')
  } catch {
    seen = undefined
  }
  return refreshingSecretBox(initial, (): BoxKeys | undefined => {
    let text: string
    try {
      text = fs.readFileSync(config.secretsFile, 'utf8')
    } catch {
      return undefined
    }
    if (text === seen) return undefined
    const parsed = secretsFileSchema.safeParse(safeJson(text))
    // A file being replaced is renamed into place whole; one that does not parse is not ours to use.
    if (!parsed.success) return undefined
    seen = text
    return {
      key: Buffer.from(parsed.data.encryptionKey, 'base64'),
      previous: [
        ...parsed.data.previousEncryptionKeys.map((k) => Buffer.from(k, 'base64')),
        ...fromEnvironment,
        // The key this process started with still opens what it sealed before it saw the file change.
        config.encryptionKey,
      ],
    }
  })
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

import crypto from 'node:crypto'

const VERSION = 'v1'

/**
 * AES-256-GCM with a random 96-bit nonce per message. The output names its
 * format version and key fingerprint, so a key rotation can tell which
 * values it still has to re-encrypt, and a reader which key to use.
 */
export function keyFingerprint(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('base64url').slice(0, 8)
}

export interface SecretBox {
  /** The fingerprint of the key new values are sealed with. */
  readonly fingerprint: string
  seal(plaintext: string, context: string): string
  /** Whether a sealed value still needs re-sealing with the current key. */
  isCurrent(sealed: string): boolean
  open(sealed: string, context: string): string
}

export interface BoxKeys {
  key: Buffer
  previous: readonly Buffer[]
}

/** Seals with `key`; opens what was sealed with it or, during a key rotation, with a previous key. */
export function secretBox(key: Buffer, previous: readonly Buffer[] = []): SecretBox {
  return refreshingSecretBox({ key, previous }, () => undefined)
}

/**
 * A box whose keys may change while it lives. `refresh` is asked before every
 * seal and whenever a value names a key the box does not know; it returns the
 * keys now in force, or undefined when they have not changed.
 */
export function refreshingSecretBox(
  initial: BoxKeys,
  refresh: () => BoxKeys | undefined,
): SecretBox {
  let current = load(initial)
  const update = () => {
    const next = refresh()
    if (next) current = load(next)
  }
  return {
    get fingerprint() {
      return current.fingerprint
    },
    seal(plaintext, context) {
      update()
      const { key, fingerprint } = current
      const nonce = crypto.randomBytes(12)
      const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce)
      // The context (e.g. the channel id) is authenticated: a sealed value copied to another row fails to open.
      cipher.setAAD(Buffer.from(context))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [
        VERSION,
        fingerprint,
        nonce.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.')
    },
    isCurrent: (sealed) => sealed.split('.')[1] === current.fingerprint,
    open(sealed, context) {
      const [version, print, nonce, body, tag] = sealed.split('.')
      if (version !== VERSION || !print || !nonce || !body || !tag)
        throw new Error('not a sealed value')
      if (!current.keys.has(print)) update()
      const sealingKey = current.keys.get(print)
      if (!sealingKey) throw new Error('sealed with another key')
      const decipher = crypto.createDecipheriv(
        'aes-256-gcm',
        sealingKey,
        Buffer.from(nonce, 'base64url'),
      )
      decipher.setAAD(Buffer.from(context))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}

function load({ key, previous }: BoxKeys) {
  if (key.length !== 32) throw new Error('the encryption key must be 32 bytes')
  return {
    key,
    fingerprint: keyFingerprint(key),
    keys: new Map([key, ...previous].map((k) => [keyFingerprint(k), k])),
  }
}

/** A box under a key derived from another secret (HKDF-SHA256), one key per purpose. */
export function derivedSecretBox(secret: string, purpose: string): SecretBox {
  return secretBox(Buffer.from(crypto.hkdfSync('sha256', secret, '', `torget/${purpose}`, 32)))
}

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { isCidr } from '../net/ip-ranges.js'

export const SERVICE_ROLES = ['web', 'worker'] as const
export type ServiceRole = (typeof SERVICE_ROLES)[number]

/** Each setting: its environment variable, its config-file key, and how to fix a bad value. */
const settings = {
  dataDir: {
    env: 'TORGET_DATA_DIR',
    schema: z.string().min(1).default('./data'),
    fix: 'a writable directory, e.g. /var/lib/torget',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
    fix: 'a PostgreSQL URL such as postgres://torget@localhost/torget, or leave it unset for SQLite',
  },
  host: {
    env: 'HOST',
    schema: z.string().min(1).default('127.0.0.1'),
    fix: 'an address such as 0.0.0.0',
  },
  port: {
    env: 'PORT',
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    fix: 'a port number between 1 and 65535',
  },
  publicUrl: {
    env: 'TORGET_PUBLIC_URL',
    schema: z.url({ protocol: /^https?$/ }).optional(),
    fix: 'the address people open, e.g. https://torget.bibliotek.se',
  },
  roles: {
    env: 'TORGET_ROLES',
    schema: z
      .string()
      .default('web,worker')
      .transform((s) => s.split(',').map((r) => r.trim()))
      .pipe(z.array(z.enum(SERVICE_ROLES)).min(1)),
    fix: 'web, worker or web,worker',
  },
  workerConcurrency: {
    env: 'TORGET_WORKER_CONCURRENCY',
    schema: z.coerce.number().int().min(1).max(256).default(16),
    fix: 'how many jobs one worker process runs at once, e.g. 16',
  },
  publishConcurrency: {
    env: 'TORGET_PUBLISH_CONCURRENCY',
    schema: z.coerce.number().int().min(1).max(1024).default(32),
    fix: 'how many publishing attempts one worker process has in flight at once, e.g. 32',
  },
  publishTimeoutSeconds: {
    env: 'TORGET_PUBLISH_TIMEOUT_SECONDS',
    schema: z.coerce.number().int().min(5).max(3600).default(120),
    fix: 'seconds after which an unfinished publishing attempt is presumed lost, e.g. 120',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    fix: 'one of fatal, error, warn, info, debug, trace, silent',
  },
  smtpUrl: {
    env: 'SMTP_URL',
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    fix: 'e.g. smtp://user:password@mail.example.se:587, or leave unset to log emails instead',
  },
  smtpFrom: {
    env: 'SMTP_FROM',
    schema: z.string().min(3).default('Torget <torget@localhost>'),
    fix: 'a sender such as "Torget <torget@bibliotek.se>"',
  },
  sessionSecret: {
    env: 'TORGET_SESSION_SECRET',
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    fix: 'a random string of at least 32 characters, or leave unset to generate one',
  },
  encryptionKey: {
    env: 'TORGET_ENCRYPTION_KEY',
    schema: z
      .string()
      .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    fix: 'the output of `openssl rand -base64 32`, or leave unset to generate one',
  },
  previousEncryptionKeys: {
    env: 'TORGET_PREVIOUS_ENCRYPTION_KEYS',
    schema: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .refine((k) => Buffer.from(k, 'base64').length === 32, 'must be 32 bytes, base64'),
        ),
      ),
    fix: 'the keys TORGET_ENCRYPTION_KEY had before, comma-separated, while `torget rotate-key` re-seals stored credentials; unset otherwise',
  },
  trustProxy: {
    env: 'TORGET_TRUST_PROXY',
    schema: z.stringbool().default(false),
    fix: 'true when Torget runs behind a reverse proxy that sets X-Forwarded-For, else false',
  },
  trustProxyHops: {
    env: 'TORGET_TRUST_PROXY_HOPS',
    schema: z.coerce.number().int().min(1).max(10).default(1),
    fix: 'how many reverse proxies stand in front of Torget, each adding to X-Forwarded-For, e.g. 1',
  },
  setupCode: {
    env: 'TORGET_SETUP_CODE',
    schema: z.string().trim().min(12, 'must be at least 12 characters').max(100).optional(),
    fix: 'a random code of at least 12 characters for first-time setup, or leave unset to have one generated and printed at start',
  },
  allowDemo: {
    env: 'TORGET_DEMO',
    schema: z.stringbool().default(false),
    fix: 'true or false',
  },
  fetchAllowPrivate: {
    env: 'TORGET_FETCH_ALLOW_PRIVATE',
    schema: z
      .string()
      .default('false')
      .transform((s) => s.trim().toLowerCase())
      .transform((s) =>
        s === 'false'
          ? []
          : s === 'true'
            ? ['0.0.0.0/0', '::/0']
            : s.split(',').map((r) => r.trim()),
      )
      .pipe(z.array(z.string().refine(isCidr, 'not an address range'))),
    fix: 'false (the default: feeds and social networks only at public addresses), address ranges such as 10.20.0.0/16,fd00::/8 for an intranet calendar or Mastodon server, or true for any address',
  },
  metaAppId: {
    env: 'META_APP_ID',
    schema: z
      .string()
      .regex(/^\d{5,20}$/, 'digits only')
      .optional(),
    fix: "the App ID of the library's Meta app (docs/meta.md), or leave unset to go without Facebook, Instagram and Threads",
  },
  metaAppSecret: {
    env: 'META_APP_SECRET',
    schema: z
      .string()
      .regex(/^[0-9a-f]{32}$/i, 'must be 32 hexadecimal characters')
      .optional(),
    fix: "the App Secret from the Meta app's Settings → Basic (docs/meta.md)",
  },
  threadsAppId: {
    env: 'THREADS_APP_ID',
    schema: z
      .string()
      .regex(/^\d{5,20}$/, 'digits only')
      .optional(),
    fix: "the Threads App ID from the Meta app's Threads use case, or leave unset to go without Threads",
  },
  threadsAppSecret: {
    env: 'THREADS_APP_SECRET',
    schema: z
      .string()
      .regex(/^[0-9a-f]{32}$/i, 'must be 32 hexadecimal characters')
      .optional(),
    fix: "the Threads App Secret from the Meta app's Threads use case",
  },
  metaGraphUrl: {
    env: 'META_GRAPH_URL',
    schema: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    fix: 'https://graph.facebook.com (changed only for tests against a stand-in)',
  },
  metaDialogUrl: {
    env: 'META_DIALOG_URL',
    schema: z.url({ protocol: /^https?$/ }).default('https://www.facebook.com'),
    fix: 'https://www.facebook.com (changed only for tests against a stand-in)',
  },
  threadsGraphUrl: {
    env: 'THREADS_GRAPH_URL',
    schema: z.url({ protocol: /^https?$/ }).default('https://graph.threads.net'),
    fix: 'https://graph.threads.net (changed only for tests against a stand-in)',
  },
  threadsDialogUrl: {
    env: 'THREADS_DIALOG_URL',
    schema: z.url({ protocol: /^https?$/ }).default('https://threads.net'),
    fix: 'https://threads.net (changed only for tests against a stand-in)',
  },
  metaGraphVersion: {
    env: 'META_GRAPH_VERSION',
    schema: z
      .string()
      .regex(/^v\d+\.\d+$/, 'like v25.0')
      .default('v25.0'),
    fix: 'a Graph API version such as v25.0',
  },
  metaRequirePublicUrl: {
    env: 'META_REQUIRE_PUBLIC_URL',
    schema: z.stringbool().default(true),
    fix: 'true (Meta fetches images from TORGET_PUBLIC_URL, so it must be on the internet); false only for tests against a stand-in',
  },
  metaWebhookVerifyToken: {
    env: 'META_WEBHOOK_VERIFY_TOKEN',
    schema: z
      .string()
      .regex(/^[\x21-\x7e]{16,200}$/, '16 to 200 visible characters, no spaces')
      .optional(),
    fix: "a random string of at least 16 characters, the same as the Verify token in the Meta app's Webhooks settings (docs/meta.md), or leave unset to go without webhooks",
  },
} as const

type Settings = typeof settings
type Parsed = { [K in keyof Settings]: z.output<Settings[K]['schema']> }

export interface Config extends Readonly<
  Omit<Parsed, 'sessionSecret' | 'encryptionKey' | 'previousEncryptionKeys' | 'publicUrl'>
> {
  readonly publicUrl: string
  readonly sqlitePath: string
  readonly sessionSecret: string
  readonly encryptionKey: Buffer
  readonly previousEncryptionKeys: readonly Buffer[]
  /** True when TORGET_ENCRYPTION_KEY is set, rather than the key living in the secrets file. */
  readonly encryptionKeyFromEnvironment: boolean
  readonly secretsFile: string
  readonly cookieSecure: boolean
}

export class ConfigError extends Error {
  readonly code = 'config_invalid'
  constructor(readonly problems: string[]) {
    super(
      `Torget cannot start; its configuration is wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
    this.name = 'ConfigError'
  }
}

/**
 * Reads the configuration once: environment variables win over an optional
 * JSON config file (TORGET_CONFIG). Every problem is reported at once, each
 * naming the variable and the fix.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Settings, string>> = {},
): Config {
  const fileValues = readConfigFile(env.TORGET_CONFIG)
  const problems: string[] = []
  const parsed: Record<string, unknown> = {}
  for (const [key, setting] of Object.entries(settings)) {
    const raw =
      overrides[key as keyof Settings] ?? nonEmpty(env[setting.env]) ?? fileValues[key] ?? undefined
    const result = (setting.schema as z.ZodType).safeParse(raw)
    if (result.success) parsed[key] = result.data
    else {
      const why = result.error.issues[0]?.message ?? 'invalid'
      problems.push(
        `${setting.env}=${JSON.stringify(raw)} is not valid (${why}). Use ${setting.fix}.`,
      )
    }
  }
  const p = parsed as Parsed
  if (Boolean(p.metaAppId) !== Boolean(p.metaAppSecret))
    problems.push(
      'META_APP_ID and META_APP_SECRET go together: set both (docs/meta.md) or neither.',
    )
  if (Boolean(p.threadsAppId) !== Boolean(p.threadsAppSecret))
    problems.push('THREADS_APP_ID and THREADS_APP_SECRET go together: set both or neither.')
  if (problems.length) throw new ConfigError(problems)
  const dataDir = path.resolve(p.dataDir)
  const secrets = ensureSecrets(dataDir, p.sessionSecret, p.encryptionKey, p.previousEncryptionKeys)
  const publicUrl = (p.publicUrl ?? `http://localhost:${p.port}`).replace(/\/$/, '')
  return Object.freeze({
    ...p,
    dataDir,
    publicUrl,
    sqlitePath: path.join(dataDir, 'torget.sqlite'),
    sessionSecret: secrets.sessionSecret,
    encryptionKey: Buffer.from(secrets.encryptionKey, 'base64'),
    previousEncryptionKeys: secrets.previousEncryptionKeys.map((k) => Buffer.from(k, 'base64')),
    encryptionKeyFromEnvironment: secrets.keyFromEnvironment,
    secretsFile: path.join(dataDir, 'secrets.json'),
    cookieSecure: publicUrl.startsWith('https://'),
  })
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v
}

function readConfigFile(file: string | undefined): Record<string, string> {
  if (!file) return {}
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    throw new ConfigError([`TORGET_CONFIG=${file}: the file cannot be read. Check the path.`])
  }
  try {
    const data = z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .parse(JSON.parse(text))
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]))
  } catch {
    throw new ConfigError([
      `TORGET_CONFIG=${file}: not a flat JSON object of settings, e.g. {"port": 3000, "dataDir": "/var/lib/torget"}.`,
    ])
  }
}

export const secretsFileSchema = z.object({
  sessionSecret: z.string().min(32),
  encryptionKey: z.string(),
  /** Kept only while `torget rotate-key` re-seals stored credentials. */
  previousEncryptionKeys: z.array(z.string()).default([]),
})
export type SecretsFile = z.infer<typeof secretsFileSchema>

/** Replaces the secrets file atomically, readable only by its owner. */
export function writeSecretsFile(file: string, secrets: SecretsFile) {
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  fs.renameSync(tmp, file)
}

/**
 * Secrets not given in the environment are generated once into the data
 * directory (mode 0600) so that restarts keep sessions and encrypted data.
 */
function ensureSecrets(
  dataDir: string,
  sessionSecret: string | undefined,
  encryptionKey: string | undefined,
  previousFromEnvironment: string[],
) {
  const file = path.join(dataDir, 'secrets.json')
  let stored: z.infer<typeof secretsFileSchema> | undefined
  if (fs.existsSync(file)) {
    let json: unknown
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch {
      json = undefined
    }
    const result = secretsFileSchema.safeParse(json)
    if (!result.success) {
      throw new ConfigError([
        `${file} is damaged. Restore it from a backup; without it sessions and stored channel credentials are lost.`,
      ])
    }
    stored = result.data
  }
  if (!stored && (!sessionSecret || !encryptionKey)) {
    try {
      fs.mkdirSync(dataDir, { recursive: true })
    } catch {
      throw new ConfigError([
        `TORGET_DATA_DIR=${dataDir} cannot be created. Use a writable directory.`,
      ])
    }
    stored = {
      sessionSecret: crypto.randomBytes(32).toString('base64url'),
      encryptionKey: crypto.randomBytes(32).toString('base64'),
      previousEncryptionKeys: [],
    }
    writeSecretsFile(file, stored)
  }
  return {
    sessionSecret: sessionSecret ?? stored!.sessionSecret,
    encryptionKey: encryptionKey ?? stored!.encryptionKey,
    previousEncryptionKeys: [
      ...(encryptionKey ? [] : (stored?.previousEncryptionKeys ?? [])),
      ...previousFromEnvironment,
    ],
    keyFromEnvironment: Boolean(encryptionKey),
  }
}

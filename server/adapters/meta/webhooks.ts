import crypto from 'node:crypto'
import { z } from 'zod'
import type { MetaNetwork } from '../../../core/channels/networks.js'
import type { MetaSettings } from './settings.js'

// Meta's webhooks: https://developers.facebook.com/docs/graph-api/webhooks/getting-started
// - Verification: GET with hub.mode=subscribe, hub.verify_token (the string set in the app's
//   dashboard) and hub.challenge, which is answered back as it came.
// - Events: POST of JSON signed in X-Hub-Signature-256 as "sha256=" + the hex HMAC-SHA256
//   of the raw body with the app secret.
// Payloads: Pages (object "page", field "feed"), Instagram (object "instagram", field
// "comments"; …/instagram-platform/webhooks), Threads (field "replies"; …/threads/webhooks).

export interface WebhookAccount {
  networks: readonly MetaNetwork[]
  accountId: string
}

export interface MetaWebhooks {
  /** The challenge to answer when the subscription request is Torget's own; else undefined. */
  challenge(query: { mode?: string; token?: string; challenge?: string }): string | undefined
  /** Whether the body was signed with one of the installation's app secrets. */
  signedByMeta(rawBody: Uint8Array, header: string | undefined): boolean
  /** The accounts an event is about, by their ids on Meta. */
  accountsIn(payload: unknown): WebhookAccount[]
}

const entrySchema = z.object({ id: z.coerce.string() })
const pageEventSchema = z.object({
  object: z.enum(['page', 'instagram']),
  entry: z.array(z.unknown()),
})
// Threads names the profile whose post was replied to (root_post.owner_id) and the subscriber.
const threadsEventSchema = z.object({
  target_id: z.coerce.string().optional(),
  values: z
    .object({
      value: z
        .object({
          root_post: z.object({ owner_id: z.coerce.string().optional() }).partial().optional(),
        })
        .partial()
        .optional(),
    })
    .partial()
    .optional(),
})

export function metaWebhooks(
  settings: MetaSettings,
  verifyToken: string | undefined,
): MetaWebhooks {
  const secrets = [settings.facebook?.appSecret, settings.threads?.appSecret].filter(
    (s): s is string => Boolean(s),
  )
  return {
    challenge({ mode, token, challenge }) {
      if (!verifyToken || mode !== 'subscribe' || !challenge || token === undefined)
        return undefined
      return equal(token, verifyToken) ? challenge : undefined
    },
    signedByMeta(rawBody, header) {
      const sent = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1]
      if (!sent) return false
      return secrets.some((secret) =>
        equal(
          sent.toLowerCase(),
          crypto.createHmac('sha256', secret).update(rawBody).digest('hex'),
        ),
      )
    },
    accountsIn(payload) {
      const found = new Map<string, WebhookAccount>()
      const add = (networks: readonly MetaNetwork[], id: string | undefined) => {
        if (id && /^\d{1,40}$/.test(id))
          found.set(`${networks.join()}:${id}`, { networks, accountId: id })
      }
      const page = pageEventSchema.safeParse(payload)
      if (page.success) {
        const networks: MetaNetwork[] = page.data.object === 'page' ? ['facebook'] : ['instagram']
        for (const entry of page.data.entry) add(networks, entrySchema.safeParse(entry).data?.id)
        return [...found.values()]
      }
      for (const event of Array.isArray(payload) ? payload : [payload]) {
        const threads = threadsEventSchema.safeParse(event)
        if (!threads.success) continue
        add(['threads'], threads.data.values?.value?.root_post?.owner_id)
        add(['threads'], threads.data.target_id)
      }
      return [...found.values()]
    },
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

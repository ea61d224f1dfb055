import { z } from 'zod'
import { httpsUrl } from '../../../core/https-url.js'

// The parts of Mastodon's entities this adapter reads, as documented at
// https://docs.joinmastodon.org/entities/. Unknown fields are ignored, so a newer
// server that adds fields still validates; a missing or mistyped field we rely on
// does not.

/**
 * An address Torget may store and show as a link: https only. Anything else
 * (http, javascript:, garbage) is dropped here, at the boundary, and Torget
 * builds the link itself (`profileUrl`, `statusUrl`).
 */
const link = z
  .string()
  .nullish()
  .transform((value) => httpsUrl(value) ?? null)

/** https://docs.joinmastodon.org/entities/Error/ */
export const errorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
})

/** https://docs.joinmastodon.org/entities/Account/ (CredentialAccount from verify_credentials) */
export const accountSchema = z.object({
  id: z.string().min(1),
  username: z.string(),
  acct: z.string(),
  display_name: z.string(),
  url: link,
  /** Present (true) when a moderator suspended the account. */
  suspended: z.boolean().optional(),
})
export type MastodonAccount = z.infer<typeof accountSchema>

/** https://docs.joinmastodon.org/entities/MediaAttachment/ */
export const mediaAttachmentSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  /** null while the full-size file is still being processed (202 from POST /api/v2/media). */
  url: z.string().nullable(),
  preview_url: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
})
export type MastodonMediaAttachment = z.infer<typeof mediaAttachmentSchema>

/** https://docs.joinmastodon.org/entities/Status/ */
export const statusSchema = z.object({
  id: z.string().min(1),
  uri: z.string(),
  created_at: z.string(),
  /** Nullable per the docs; `uri` stands in when it is missing (statusUrl). */
  url: link,
  /** HTML. */
  content: z.string(),
  reblog: z.unknown().nullable().optional(),
  media_attachments: z.array(
    z.object({ id: z.string(), description: z.string().nullable().optional() }),
  ),
  in_reply_to_id: z.string().nullish(),
  mentions: z.array(z.object({ id: z.string(), acct: z.string() })).optional(),
})
export type MastodonStatus = z.infer<typeof statusSchema>

export const statusListSchema = z.array(statusSchema)

const datetime = z.iso.datetime({ offset: true })

/** https://docs.joinmastodon.org/entities/Account/, as it appears on others' statuses and notifications. */
export const remoteAccountSchema = z.object({
  id: z.string().min(1),
  username: z.string(),
  acct: z.string().min(1),
  display_name: z.string(),
  url: link,
  avatar: link,
})
export type MastodonRemoteAccount = z.infer<typeof remoteAccountSchema>

/**
 * https://docs.joinmastodon.org/entities/Quote/ and /ShallowQuote/ (Mastodon 4.4+):
 * the quoted post, whole or by id. A shape Torget does not know reads as no quote.
 */
const quoteSchema = z
  .object({
    state: z.string(),
    quoted_status: z.object({ id: z.string().min(1) }).nullish(),
    quoted_status_id: z.string().nullish(),
  })
  .nullish()
  .catch(null)

/** https://docs.joinmastodon.org/entities/Status/, someone else's: who wrote it, what it answers, who sees it. */
export const remoteStatusSchema = statusSchema.extend({
  created_at: datetime,
  account: remoteAccountSchema,
  in_reply_to_account_id: z.string().nullish(),
  /** public, unlisted, private or direct. */
  visibility: z.string(),
  spoiler_text: z.string().nullish(),
  edited_at: datetime.nullish(),
  mentions: z.array(z.object({ id: z.string(), acct: z.string() })).default([]),
  quote: quoteSchema,
  /** https://docs.joinmastodon.org/entities/MediaAttachment/: `url` is the instance's copy, `remote_url` the origin's. */
  media_attachments: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        url: z.string().nullish(),
        remote_url: z.string().nullish(),
        description: z.string().nullish(),
      }),
    )
    .catch([]),
})
export type MastodonRemoteStatus = z.infer<typeof remoteStatusSchema>

/** https://docs.joinmastodon.org/entities/Notification/ */
export const notificationSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  created_at: datetime,
  account: remoteAccountSchema,
  status: remoteStatusSchema.nullish(),
})
export type MastodonNotification = z.infer<typeof notificationSchema>

/** https://docs.joinmastodon.org/entities/Context/: the thread above and below a status. */
export const contextSchema = z.object({
  ancestors: z.array(z.unknown()),
  descendants: z.array(z.unknown()),
})

/** https://docs.joinmastodon.org/entities/Relationship/ (block, mute and their undoing answer with it). */
export const relationshipSchema = z.object({ id: z.string().min(1) })

/** The account's page: its https `url`, else the instance's /@username page. */
export function profileUrl(account: Pick<MastodonAccount, 'url' | 'username'>, host: string) {
  return account.url ?? `https://${host}/@${encodeURIComponent(account.username)}`
}

/**
 * Where a status is seen: its https `url`, else its https `uri`, else the
 * instance's own /statuses/:id page (Mastodon's web app serves that path).
 */
export function statusUrl(status: Pick<MastodonStatus, 'url' | 'uri' | 'id'>, instanceUrl: string) {
  const host = new URL(instanceUrl).host
  return (
    status.url ??
    httpsUrl(status.uri) ??
    `https://${host}/statuses/${encodeURIComponent(status.id)}`
  )
}

// Limits are optional one by one: an instance that omits one (older versions,
// forks) still connects, and Torget falls back to Mastodon's defaults for it.
const limit = z.number().int().positive().optional().catch(undefined)

/** https://docs.joinmastodon.org/entities/Instance/ (GET /api/v2/instance) */
export const instanceSchema = z.object({
  /** The handle domain (LOCAL_DOMAIN), not necessarily the host the API is served from. */
  domain: z.string().min(1),
  /** Mastodon 4.3+; `mastodon` 7 is 4.5, the first with quote posts. */
  api_versions: z.object({ mastodon: z.number().int().optional() }).optional().catch(undefined),
  configuration: z
    .object({
      statuses: z
        .object({
          max_characters: limit,
          max_media_attachments: limit,
          characters_reserved_per_url: z.number().int().nonnegative().optional().catch(undefined),
        })
        .optional(),
      media_attachments: z
        .object({
          image_size_limit: limit,
          // Served by Mastodon 4.4+ (see app/serializers/rest/instance_serializer.rb);
          // not yet on the Instance entity page of the docs.
          description_limit: limit,
        })
        .optional(),
    })
    .optional(),
})
export type MastodonInstance = z.infer<typeof instanceSchema>

/** https://docs.joinmastodon.org/entities/Application/#CredentialApplication */
export const credentialApplicationSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
})

/** https://docs.joinmastodon.org/entities/Token/ */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  scope: z.string(),
  created_at: z.number(),
})

/** What Torget stores for a Mastodon channel (all strings, per ChannelCredentials). */
export const credentialsSchema = z.object({
  instanceUrl: z.string().min(1),
  accessToken: z.string().min(1),
  accountId: z.string().min(1),
})
export type MastodonCredentials = z.infer<typeof credentialsSchema>

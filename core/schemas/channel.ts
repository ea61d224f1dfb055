import { z } from 'zod'
import { networkLimitsSchema } from '../composer/limits.js'
import { networkSchema } from '../channels/networks.js'
import { idSchema } from './common.js'

export { NETWORKS, networkSchema, type Network } from '../channels/networks.js'

export const channelHealthSchema = z.enum(['ok', 'failing', 'needs_reconnect'])

export const channelSchema = z
  .object({
    id: idSchema,
    network: networkSchema,
    handle: z.string(),
    displayName: z.string(),
    profileUrl: z.string(),
    health: channelHealthSchema,
    healthCode: z
      .string()
      .nullable()
      .meta({ description: 'Why the channel is not ok, as a stable code' }),
    healthWarning: z.string().nullable().optional().meta({
      description:
        'What the channel cannot do while it publishes (e.g. comments_permission_missing), as a stable code',
    }),
    checkedAt: z.string(),
    limits: networkLimitsSchema,
    createdAt: z.string(),
    accessExpiresAt: z.string().nullable().optional().meta({
      description: "When the network's access ends and the channel must be reconnected (Meta)",
    }),
  })
  .meta({ id: 'Channel' })
export type Channel = z.infer<typeof channelSchema>

export const connectBlueskySchema = z
  .strictObject({
    identifier: z
      .string()
      .trim()
      .min(3)
      .max(253)
      .meta({ description: 'Handle (bibliotek.bsky.social) or email' }),
    appPassword: z
      .string()
      .trim()
      .min(4)
      .max(100)
      .meta({ description: 'An app password from Bluesky settings' }),
    service: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({ description: 'PDS address; default https://bsky.social' }),
  })
  .meta({ id: 'ConnectBluesky' })

export const connectMastodonSchema = z
  .strictObject({
    instanceUrl: z.string().trim().min(3).max(253).meta({ description: 'e.g. mastodon.social' }),
    accessToken: z.string().trim().min(10).max(500),
  })
  .meta({ id: 'ConnectMastodon' })

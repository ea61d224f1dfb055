import { z } from 'zod'
export {
  CHANNEL_MIX_DAYS_AFTER,
  CHANNEL_MIX_DAYS_BEFORE,
} from '../guidelines/rules/skyltfonster.js'
import { calendarFilterSchema, localDateSchema } from './calendar.js'
import { idSchema } from './common.js'

/**
 * The period is read as the calendar reads it: the library's local dates, `to`
 * included. Without one, the four weeks around today: recent and planned posts.
 */
export const channelMixQuerySchema = calendarFilterSchema.pick({ channel: true }).extend({
  from: localDateSchema.optional(),
  to: localDateSchema.meta({ description: 'The last day (included); at most 42 days' }).optional(),
  exclude: idSchema.optional().meta({
    description:
      'A post left out of the counts: the one being edited, which the composer adds itself',
  }),
})
export type ChannelMixQuery = z.output<typeof channelMixQuerySchema>

export const streamFindingSchema = z.object({
  ruleId: z.literal('skyltfonster'),
  kind: z.string(),
  severity: z.enum(['block', 'warn', 'hint']),
  message: z.string(),
  why: z.string(),
})

export const channelMixSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    /** The share of one-way posts the policy allows, and how many posts it takes to judge. */
    rule: z.object({
      enabled: z.boolean(),
      maxPromotionalShare: z.number(),
      minPosts: z.number().int(),
    }),
    channels: z.array(
      z.object({
        channelId: z.string(),
        /** The channel's posts in the period (withdrawn ones and cancelled publications left out). */
        posts: z.number().int(),
        /** Of them, the ones that only announce: no question, no invitation, no answer. */
        oneWay: z.number().int(),
        /** The skyltfönster finding, in the reader's language, when the channel is a shop window. */
        finding: streamFindingSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'ChannelMix' })
export type ChannelMix = z.infer<typeof channelMixSchema>

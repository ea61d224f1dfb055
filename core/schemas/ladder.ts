import { z } from 'zod'
import { interactionKindSchema, networkSchema } from '../channels/networks.js'
import { ladderLevelSchema } from '../ladder/levels.js'
import { ladderRulesObject } from '../ladder/rules.js'
import { idSchema } from './common.js'

export { ladderRulesObject, ladderRulesSchema } from '../ladder/rules.js'

/** A person on the ladder as everyone may see them: a code, never a name or a handle. */
export const memberCodeSchema = z
  .string()
  .regex(/^[0-9A-Za-z-]{1,64}$/)
  .meta({ description: 'Pseudonym: stable per library, not an account id' })

const levelOrNone = ladderLevelSchema.nullable().meta({ description: 'Null: on no step' })
const ladderChannelSchema = z.object({ id: idSchema, network: networkSchema, handle: z.string() })

export const ladderMonthSummarySchema = z.object({
  joined: z.number().int().meta({ description: 'Came onto a step from none' }),
  up: z.number().int(),
  down: z.number().int(),
  left: z.number().int().meta({ description: 'Went from a step to none' }),
})
export type LadderMonthSummary = z.infer<typeof ladderMonthSummarySchema>

export const ladderOverviewSchema = z
  .object({
    month: z.string().meta({ description: 'This month, YYYY-MM in the library’s time zone' }),
    previousMonth: z.string(),
    rebuiltAt: z.string().nullable(),
    rules: ladderRulesObject,
    levels: z.array(
      z.object({
        level: ladderLevelSchema,
        thisMonth: z.number().int(),
        lastMonth: z.number().int().nullable().meta({ description: 'Null: no count for it' }),
      }),
    ),
    observers: z.object({
      networkFollowers: z.number().int().nullable().meta({
        description: "The networks' own follower counts, summed over the channels that gave one",
      }),
      followersSeen: z.number().int().meta({ description: 'Accounts Torget saw start following' }),
      followersUnseen: z.number().int().nullable().meta({
        description: 'Followers the networks count but Torget never saw follow (in aggregate)',
      }),
    }),
    thisMonth: ladderMonthSummarySchema,
    lastMonth: ladderMonthSummarySchema.nullable(),
    movedUp: z.array(
      z.object({
        member: memberCodeSchema,
        channel: ladderChannelSchema,
        from: levelOrNone,
        to: ladderLevelSchema,
      }),
    ),
    movedUpTotal: z.number().int(),
    ambassadors: z.array(
      z.object({
        member: memberCodeSchema,
        channel: ladderChannelSchema,
        level: z.enum(['own', 'lead']),
        firstSeenAt: z.string(),
      }),
    ),
    /** The archive's setting: likes, reposts and follows older than this are kept only as counts. */
    interactionRetentionDays: z.number().int().nullable(),
    canOpenPeople: z.boolean(),
  })
  .meta({ id: 'LadderOverview' })
export type LadderOverview = z.infer<typeof ladderOverviewSchema>

export const ladderPersonSchema = z
  .object({
    member: memberCodeSchema,
    level: levelOrNone,
    earnedLevel: levelOrNone,
    lead: z.boolean(),
    leadSince: z.string().nullable(),
    channel: ladderChannelSchema,
    account: z.object({
      remoteId: z.string(),
      handle: z.string(),
      name: z.string(),
      profileUrl: z.string(),
    }),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    followedAt: z.string().nullable(),
    facts: z.object({
      endorsements: z.number().int(),
      contributions: z.number().int(),
      unpromptedWeeks: z.number().int(),
    }),
    /** What they wrote to or about the library: the inbox's items by them, newest first. */
    writings: z.array(
      z.object({
        kind: interactionKindSchema,
        at: z.string(),
        url: z.string(),
        text: z.string(),
        counts: z.boolean().meta({ description: 'Within the window, so it counts now' }),
        unprompted: z.boolean(),
      }),
    ),
    /** What they did each day the ladder still keeps (likes are counts, not rows). */
    days: z.array(
      z.object({
        day: z.string(),
        follows: z.number().int(),
        endorsements: z.number().int(),
        contributions: z.number().int(),
        unprompted: z.number().int(),
        counts: z.boolean(),
      }),
    ),
    movements: z.array(z.object({ month: z.string(), from: levelOrNone, to: levelOrNone })),
  })
  .meta({ id: 'LadderPerson' })
export type LadderPerson = z.infer<typeof ladderPersonSchema>

export const ladderLeadInputSchema = z.strictObject({ lead: z.boolean() })

import { z } from 'zod'
import { networkName, networkSchema } from '../channels/networks.js'
import type { Locale } from '../locale.js'
import { idSchema } from '../schemas/common.js'

/*
 * What a goal of the strategy can be measured by: figures Torget itself
 * keeps, so progress needs no one to type numbers in. A goal without one is
 * still a goal; it is only not followed up here.
 */

export const GOAL_METRICS = [
  'followers',
  'posts_published',
  'replies_received',
  'answered_within_target',
] as const
export const goalMetricSchema = z.enum(GOAL_METRICS)
export type GoalMetric = z.infer<typeof goalMetricSchema>

/**
 * - level: a count at a moment (followers); the latest value is what counts.
 * - per_month: what happened in the last 30 days (posts, replies received).
 * - share: a percentage of the last 30 days (answered within the policy's target).
 */
export type MetricShape = 'level' | 'per_month' | 'share'
export const METRIC_SHAPE: Record<GoalMetric, MetricShape> = {
  followers: 'level',
  posts_published: 'per_month',
  replies_received: 'per_month',
  answered_within_target: 'share',
}

export const goalScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('network'), network: networkSchema }),
  z.strictObject({ kind: z.literal('channel'), channelId: idSchema }),
])
export type GoalScope = z.infer<typeof goalScopeSchema>

export const goalMeasureSchema = z
  .strictObject({
    metric: goalMetricSchema,
    scope: goalScopeSchema.default({ kind: 'all' }),
  })
  .meta({ id: 'GoalMeasure' })
export type GoalMeasure = z.infer<typeof goalMeasureSchema>

const WORDS = {
  sv: {
    followers: 'följare',
    posts_published: 'publicerade inlägg i månaden',
    replies_received: 'svar och kommentarer i månaden',
    answered_within_target: 'av frågorna besvarade inom svarsmålet',
    all: 'i alla kanaler',
    on: (name: string) => `på ${name}`,
    channel: 'på en borttagen kanal',
  },
  en: {
    followers: 'followers',
    posts_published: 'posts published a month',
    replies_received: 'replies and comments a month',
    answered_within_target: 'of questions answered within the target',
    all: 'across all channels',
    on: (name: string) => `on ${name}`,
    channel: 'on a removed channel',
  },
} as const

/** Where a measure is counted, in words: "på Bluesky", "på @bibblan.bsky.social", "i alla kanaler". */
export function describeScope(
  scope: GoalScope,
  locale: Locale,
  channelName: (id: string) => string | undefined,
): string {
  const w = WORDS[locale]
  switch (scope.kind) {
    case 'all':
      return w.all
    case 'network':
      return w.on(networkName(scope.network, locale))
    case 'channel': {
      const name = channelName(scope.channelId)
      return name ? w.on(name) : w.channel
    }
  }
}

/** The measure as a noun phrase: "följare på Bluesky", "publicerade inlägg i månaden i alla kanaler". */
export function describeMeasure(
  measure: GoalMeasure,
  locale: Locale,
  channelName: (id: string) => string | undefined,
): string {
  const noun = WORDS[locale][measure.metric]
  // "Alla kanaler" goes without saying for anything but followers, which people count per account.
  if (measure.scope.kind === 'all' && measure.metric !== 'followers') return noun
  return `${noun} ${describeScope(measure.scope, locale, channelName)}`
}

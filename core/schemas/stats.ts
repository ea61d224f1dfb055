import { z } from 'zod'
import { networkSchema } from '../channels/networks.js'
import { listParam, localDateSchema } from './calendar.js'
import { idSchema } from './common.js'

/** Twenty years: a library's whole history fits in one period. */
export const STATS_MAX_DAYS = 366 * 20

export const statsQuerySchema = z.object({
  from: localDateSchema
    .optional()
    .meta({ description: 'First day (included); 29 days before `to` when left out' }),
  to: localDateSchema
    .optional()
    .meta({ description: "Last day (included); today in the library's time zone when left out" }),
  channel: listParam(idSchema).meta({
    description: 'Channel ids, comma-separated; every channel of the library when left out',
  }),
})
/** The query as the route validated it (the channel list split). */
export type StatsQuery = z.output<typeof statsQuerySchema>
/** A resolved period: days in the library's time zone, both included. */
export interface StatsPeriodInput {
  from: string
  to: string
  channelIds: readonly string[]
}

/** How a chart's points are grouped: days up to a quarter, ISO weeks up to two years, else months. */
export const granularitySchema = z.enum(['day', 'week', 'month'])
export type Granularity = z.infer<typeof granularitySchema>

/**
 * What an engagement rate is divided by. Bluesky and Mastodon report no
 * impressions, so their rate is per follower; a network that reports views
 * would use them.
 */
export const rateBaseSchema = z.enum(['followers', 'views'])
export type RateBase = z.infer<typeof rateBaseSchema>

export const statsChannelSchema = z.object({
  id: idSchema,
  network: networkSchema,
  handle: z.string(),
  rateBase: rateBaseSchema,
})

const countsShape = {
  likes: z.number().int(),
  reposts: z.number().int(),
  /** Replies and comments (Mastodon and Bluesky both call an answer a reply). */
  replies: z.number().int(),
  quotes: z.number().int(),
}

export const statsTotalsSchema = z.object({
  postsPublished: z
    .number()
    .int()
    .meta({ description: 'Publications: a post on two channels counts twice' }),
  ...countsShape,
  mentions: z.number().int(),
  follows: z.number().int().meta({ description: 'New follows seen in the period' }),
  engagements: z.number().int().meta({
    description: 'Likes + reposts + replies + quotes on the posts published in the period',
  }),
  engagementPerPost: z.number().nullable(),
  /** Percent: engagement per post ÷ followers at the end of the period × 100. */
  engagementRate: z.number().nullable(),
  followers: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'At the end of the period, all chosen channels' }),
  followerChange: z.number().int().nullable(),
})
export type StatsTotals = z.infer<typeof statsTotalsSchema>

export const activityBucketSchema = z.object({
  /** The bucket's first day (a day, the Monday of a week, the 1st of a month). */
  start: z.string(),
  posts: z.number().int(),
  ...countsShape,
  mentions: z.number().int(),
  follows: z.number().int(),
})
export type ActivityBucket = z.infer<typeof activityBucketSchema>

export const followerSeriesSchema = z.object({
  channelId: idSchema,
  /** The last sample in each bucket; buckets without one are left out. */
  points: z.array(z.object({ start: z.string(), followers: z.number().int() })),
  first: z.number().int().nullable(),
  last: z.number().int().nullable(),
})

export const channelEngagementSchema = z.object({
  channelId: idSchema,
  rateBase: rateBaseSchema,
  posts: z.number().int(),
  engagements: z.number().int(),
  perPost: z.number().nullable(),
  base: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Followers (or views) the rate divides by' }),
  rate: z.number().nullable().meta({ description: 'Percent' }),
})

export const postFactorSchema = z.enum(['time_of_day', 'image', 'question', 'campaign', 'paid'])
export type PostFactor = z.infer<typeof postFactorSchema>
export const timeOfDaySchema = z.enum(['night', 'morning', 'midday', 'afternoon', 'evening'])
export type TimeOfDay = z.infer<typeof timeOfDaySchema>

export const rankedPostSchema = z.object({
  publicationId: idSchema,
  postId: idSchema,
  channelId: idSchema,
  excerpt: z.string(),
  url: z.string().nullable(),
  publishedAt: z.string(),
  /** Local date and HH:MM in the library's time zone. */
  date: z.string(),
  time: z.string(),
  timeOfDay: timeOfDaySchema,
  hasImage: z.boolean(),
  hasQuestion: z.boolean(),
  paid: z.boolean(),
  campaign: z.object({ id: idSchema, name: z.string() }).nullable(),
  ...countsShape,
  engagements: z.number().int(),
  /** Times the post was seen, as the network counts (Facebook, Instagram, Threads); null where it does not say. */
  views: z.number().int().nullable(),
  /** Accounts that saw it at least once (Facebook, Instagram); null elsewhere. */
  reach: z.number().int().nullable(),
  /** Times it was saved (Instagram); null elsewhere. */
  saves: z.number().int().nullable(),
  /** 'network': the network's own latest count; 'received': what Torget received. */
  source: z.enum(['network', 'received']),
  /** Which of its traits did better (best posts) or worse (weakest) than the period's average. */
  why: z.array(postFactorSchema),
  /** Gone from the network; its counts are kept. */
  deleted: z.boolean(),
})
export type RankedPost = z.infer<typeof rankedPostSchema>

/** A factor's groups, in the order a reader expects: yes before no, the day's parts in order. */
export const factorGroupNameSchema = z.enum(['yes', 'no', ...timeOfDaySchema.options])
export type FactorGroupName = z.infer<typeof factorGroupNameSchema>

export const factorGroupSchema = z.object({
  factor: postFactorSchema,
  group: factorGroupNameSchema,
  posts: z.number().int(),
  perPost: z.number().nullable(),
})

export const campaignResultSchema = z.object({
  id: idSchema,
  name: z.string(),
  goal: z.string().meta({ description: "The campaign's goal in the words it was given" }),
  peakAt: z.string(),
  posts: z.number().int(),
  engagements: z.number().int(),
  perPost: z.number().nullable(),
  /** The period's engagement per post outside campaigns, for comparison. */
  comparedTo: z.number().nullable(),
})

export const splitSchema = z.object({
  owned: z.object({ posts: z.number().int(), engagements: z.number().int() }),
  paid: z.object({ posts: z.number().int(), engagements: z.number().int() }),
  earned: z.object({
    mentions: z.number().int(),
    quotes: z.number().int(),
    total: z.number().int(),
  }),
})

export const bestTimeBasisSchema = z.enum(['own_posts', 'audience', 'general'])
export const bestTimeSchema = z.object({
  /**
   * own_posts: the library's own posts' engagement by hour published;
   * audience: too few posts, so when its audience interacts;
   * general: too little history of either, so common advice for Swedish libraries.
   */
  basis: bestTimeBasisSchema,
  postsConsidered: z.number().int(),
  interactionsConsidered: z.number().int(),
  minimumPosts: z.number().int(),
  /** Local hours 0–23: posts published then and their engagement per post, or interactions then. */
  hours: z.array(
    z.object({ hour: z.number().int(), posts: z.number().int(), value: z.number().nullable() }),
  ),
  /** The best hours, best first. */
  recommended: z.array(z.number().int()),
})
export type BestTime = z.infer<typeof bestTimeSchema>

export const statsResponseTimesSchema = z.object({
  received: z.number().int(),
  answered: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  withinTarget: z.number().nullable(),
  targetMinutes: z.number().nullable(),
  target: z.string(),
})

export const statsDashboardSchema = z
  .object({
    period: z.object({
      from: z.string(),
      to: z.string(),
      days: z.number().int(),
      timeZone: z.string(),
      granularity: granularitySchema,
    }),
    channels: z.array(statsChannelSchema),
    totals: statsTotalsSchema,
    activity: z.array(activityBucketSchema),
    followers: z.array(followerSeriesSchema),
    byChannel: z.array(channelEngagementSchema),
    bestPosts: z.array(rankedPostSchema),
    weakestPosts: z.array(rankedPostSchema),
    factors: z.array(factorGroupSchema),
    campaigns: z.array(campaignResultSchema),
    split: splitSchema,
    bestTime: bestTimeSchema,
    responseTimes: statsResponseTimesSchema,
    /** When the rollups last took in new interactions; null before the first. */
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'StatsDashboard' })
export type StatsDashboard = z.infer<typeof statsDashboardSchema>

/** Every chart's data can be had as CSV. */
export const STATS_CHARTS = [
  'activity',
  'followers',
  'channels',
  'posts',
  'factors',
  'campaigns',
  'split',
  'best-time',
  'response-times',
] as const
export const statsChartSchema = z.enum(STATS_CHARTS)
export type StatsChart = z.infer<typeof statsChartSchema>

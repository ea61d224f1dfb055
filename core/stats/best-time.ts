import type { BestTime } from '../schemas/stats.js'
import { perPost } from './formulas.js'

/** Posts of the library's own before its history says anything about hours. */
export const BEST_TIME_MIN_POSTS = 20
/** Posts an hour needs before it can be recommended. */
export const BEST_TIME_MIN_PER_HOUR = 3
/** Interactions needed to say when the audience is active. */
export const BEST_TIME_MIN_INTERACTIONS = 100
/**
 * With too little history of its own: the hours commonly advised for a
 * Swedish library's audience (lunch, evening, morning commute). Shown as
 * general advice, never as the library's figures.
 */
export const GENERAL_HOURS = [12, 19, 8] as const
const RECOMMENDED = 3

/**
 * The best local hours to post, from the library's own history: the hours
 * whose posts got the most engagement per post (at least three posts an
 * hour, twenty in all); with fewer posts, the hours its audience interacts
 * most; with too little of either, general advice — and it says which.
 */
export function bestTime(input: {
  /** The library's posts: the local hour each went out and its engagements. */
  posts: readonly { hour: number; engagements: number }[]
  /** Interactions per local hour. */
  audience: readonly { hour: number; count: number }[]
}): BestTime {
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, posts: 0, engagements: 0 }))
  for (const p of input.posts) {
    const h = hours[p.hour]!
    h.posts += 1
    h.engagements += p.engagements
  }
  const interactions = input.audience.reduce((sum, a) => sum + a.count, 0)
  const base = {
    postsConsidered: input.posts.length,
    interactionsConsidered: interactions,
    minimumPosts: BEST_TIME_MIN_POSTS,
  }
  const ranked = hours
    .filter((h) => h.posts >= BEST_TIME_MIN_PER_HOUR)
    .map((h) => ({ hour: h.hour, value: perPost(h.engagements, h.posts)! }))
    .sort((a, b) => b.value - a.value || a.hour - b.hour)
  if (input.posts.length >= BEST_TIME_MIN_POSTS && ranked.length > 0)
    return {
      ...base,
      basis: 'own_posts',
      hours: hours.map((h) => ({
        hour: h.hour,
        posts: h.posts,
        value: perPost(h.engagements, h.posts),
      })),
      recommended: ranked.slice(0, RECOMMENDED).map((h) => h.hour),
    }
  const byHour = Array.from({ length: 24 }, () => 0)
  for (const a of input.audience) byHour[a.hour] = (byHour[a.hour] ?? 0) + a.count
  if (interactions >= BEST_TIME_MIN_INTERACTIONS)
    return {
      ...base,
      basis: 'audience',
      hours: byHour.map((count, hour) => ({ hour, posts: hours[hour]!.posts, value: count })),
      recommended: byHour
        .map((count, hour) => ({ hour, count }))
        .sort((a, b) => b.count - a.count || a.hour - b.hour)
        .slice(0, RECOMMENDED)
        .map((h) => h.hour),
    }
  return {
    ...base,
    basis: 'general',
    hours: hours.map((h) => ({ hour: h.hour, posts: h.posts, value: null })),
    recommended: [...GENERAL_HOURS],
  }
}

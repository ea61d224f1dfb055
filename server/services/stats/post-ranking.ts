import { engagementsOf, perPost } from '../../../core/stats/formulas.js'
import {
  type FactorGroupName,
  type PostFactor,
  type RankedPost,
  type StatsDashboard,
  factorGroupNameSchema,
} from '../../../core/schemas/stats.js'

/** A published post of the period with its facts and counts, before ranking. */
export type PostFacts = Omit<RankedPost, 'why'>

const SHOWN = 5
/** A post younger than this has not had its chance yet and is not called weak. */
const YOUNG_MS = 48 * 3_600_000

/** The group a post falls in for one factor. */
function groupOf(post: PostFacts, factor: PostFactor): FactorGroupName {
  switch (factor) {
    case 'time_of_day':
      return post.timeOfDay
    case 'image':
      return post.hasImage ? 'yes' : 'no'
    case 'question':
      return post.hasQuestion ? 'yes' : 'no'
    case 'campaign':
      return post.campaign ? 'yes' : 'no'
    case 'paid':
      return post.paid ? 'yes' : 'no'
  }
}

const FACTORS: readonly PostFactor[] = ['time_of_day', 'image', 'question', 'campaign', 'paid']
const GROUP_ORDER = factorGroupNameSchema.options

/** Engagement per post in each group of each factor: what set the better posts apart. */
export function factorGroups(posts: readonly PostFacts[]): StatsDashboard['factors'] {
  const out: StatsDashboard['factors'] = []
  for (const factor of FACTORS) {
    const groups = Map.groupBy(posts, (p) => groupOf(p, factor))
    for (const [group, list] of [...groups.entries()].sort(
      ([a], [b]) => GROUP_ORDER.indexOf(a) - GROUP_ORDER.indexOf(b),
    ))
      out.push({
        factor,
        group,
        posts: list.length,
        perPost: perPost(
          list.reduce((sum, p) => sum + p.engagements, 0),
          list.length,
        ),
      })
  }
  return out
}

/**
 * The best and the weakest posts, each with why: the traits whose group did
 * better (for a best post) or worse (for a weak one) than the period's
 * engagement per post — only where the period has posts on both sides of
 * the trait, so a comparison was possible at all.
 */
export function rankPosts(
  posts: readonly PostFacts[],
  nowMs: number,
): { best: RankedPost[]; weakest: RankedPost[]; factors: StatsDashboard['factors'] } {
  const factors = factorGroups(posts)
  const average = perPost(
    posts.reduce((sum, p) => sum + p.engagements, 0),
    posts.length,
  )
  const why = (post: PostFacts, better: boolean): PostFactor[] =>
    FACTORS.filter((factor) => {
      const groups = factors.filter((f) => f.factor === factor)
      const mine = groups.find((g) => g.group === groupOf(post, factor))
      if (average === null || groups.length < 2 || !mine || mine.perPost === null) return false
      return better ? mine.perPost > average : mine.perPost < average
    })
  const order = [...posts].sort(
    (a, b) => b.engagements - a.engagements || a.publishedAt.localeCompare(b.publishedAt),
  )
  const best = order.slice(0, Math.min(SHOWN, Math.ceil(posts.length / 2)))
  const taken = new Set(best.map((p) => p.publicationId))
  const weakest = order
    .filter((p) => !taken.has(p.publicationId) && nowMs - Date.parse(p.publishedAt) >= YOUNG_MS)
    .slice(-SHOWN)
    .reverse()
  return {
    best: best.map((p) => ({ ...p, why: why(p, true) })),
    weakest: weakest.map((p) => ({ ...p, why: why(p, false) })),
    factors,
  }
}

/** When the ranking changes by time alone: the next of these posts old enough to be called weak. */
export function rankingChangesAt(posts: readonly PostFacts[], nowMs: number): number {
  let next = Number.POSITIVE_INFINITY
  for (const p of posts) {
    const at = Date.parse(p.publishedAt) + YOUNG_MS
    if (at > nowMs && at < next) next = at
  }
  return next
}

/** A post's counts: the network's latest sample where there is one, else what Torget received. */
export function postCounts(
  received: { likes: number; reposts: number; replies: number; quotes: number },
  network:
    | {
        likes: number | null
        reposts: number | null
        replies: number | null
        quotes: number | null
      }
    | undefined,
) {
  if (!network)
    return { ...received, engagements: engagementsOf(received), source: 'received' as const }
  // A count the network left out is taken from what Torget received.
  const counts = {
    likes: network.likes ?? received.likes,
    reposts: network.reposts ?? received.reposts,
    replies: network.replies ?? received.replies,
    quotes: network.quotes ?? received.quotes,
  }
  return { ...counts, engagements: engagementsOf(counts), source: 'network' as const }
}

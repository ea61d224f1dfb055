import { networkLimitsSchema } from '../../core/composer/limits.js'
import { DomainError } from '../../core/errors.js'
import {
  checkPost,
  type Finding,
  type GuidelinePolicy,
  type Network,
  type PostChannel,
} from '../../core/guidelines/index.js'
import type { Locale } from '../../core/locale.js'
import type { GuidelinePolicySource } from './guideline-policy.js'

export interface CheckedPost {
  text: string
  /** Own texts per channel id; a channel without one gets `text`. */
  variants: Record<string, string>
  images: { alt: string }[]
  /** The target group's id in the policy; the policy's default when not given. */
  audience?: string | null | undefined
}

export interface CheckedChannel {
  id: string
  network: string
  /** The channel's limits as stored (JSON) or already read. */
  limits: string | PostChannel['limits']
}

/** One blocking finding, in both languages: the HTTP layer answers in the person's. */
export interface BlockingFinding {
  path: string
  message: Record<Locale, string>
}

/**
 * The findings that stop a post, for each text it has (the shared one and
 * every channel's own), against the given policy. The composer shows the
 * same, from the same rules.
 */
export function blockingFindings(
  policy: GuidelinePolicy,
  post: CheckedPost,
  channels: CheckedChannel[],
): BlockingFinding[] {
  const byText = new Map<string, PostChannel[]>()
  for (const channel of channels) {
    const text = post.variants[channel.id] ?? post.text
    const limits =
      typeof channel.limits === 'string'
        ? networkLimitsSchema.parse(JSON.parse(channel.limits))
        : channel.limits
    byText.set(text, [...(byText.get(text) ?? []), { network: channel.network as Network, limits }])
  }
  if (byText.size === 0) byText.set(post.text, [])
  const found = new Map<string, BlockingFinding>()
  for (const [text, textChannels] of byText) {
    const check = (locale: Locale) =>
      checkPost(
        {
          text,
          images: post.images,
          channels: textChannels,
          ...(post.audience && { audience: post.audience }),
          locale,
        },
        policy,
      ).filter((f) => f.severity === 'block')
    const en = check('en')
    check('sv').forEach((finding, i) => {
      const path = pathOf(finding)
      // The same image, or the same personnummer in two texts, is one problem.
      const key = `${path}:${finding.message}`
      if (!found.has(key))
        found.set(key, { path, message: { sv: finding.message, en: en[i]!.message } })
    })
  }
  return [...found.values()]
}

function pathOf(finding: Finding): string {
  const where =
    finding.image !== undefined
      ? `.images.${finding.image}`
      : finding.network !== undefined
        ? `.${finding.network}`
        : ''
  return `guidelines.${finding.ruleId}.${finding.kind}${where}`
}

/** Throws `post_blocked_by_policy`, listing what blocks the post, when the policy blocks it. */
export function assertMeetsGuidelines(
  policy: GuidelinePolicy,
  post: CheckedPost,
  channels: CheckedChannel[],
): void {
  const blocking = blockingFindings(policy, post, channels)
  if (blocking.length > 0) throw new DomainError('post_blocked_by_policy', blocking)
}

/**
 * The server's re-check before a post goes out (approval, scheduling,
 * publishing now), against the library's current policy.
 */
export function guidelineCheck(policies: GuidelinePolicySource) {
  return async function assertPostAllowed(
    libraryId: string,
    post: CheckedPost,
    channels: CheckedChannel[],
  ): Promise<void> {
    const { policy } = await policies.current(libraryId)
    assertMeetsGuidelines(policy, post, channels)
  }
}
export type GuidelineCheck = ReturnType<typeof guidelineCheck>

import {
  DEFAULT_POLICY,
  type GuidelinePolicy,
  guidelinePolicySchema,
} from '../../core/guidelines/policy.js'
import type { Store } from '../repos/index.js'
import { parseDocument } from './strategy-view.js'

export interface CurrentPolicy {
  policy: GuidelinePolicy
  source: 'default' | 'approved'
  versionId: string | null
  approvedAt: string | null
}

/**
 * The guideline policy a library's drafts are checked against: the rules of
 * the approved strategy version, or the defaults until one is approved.
 * Callers are trusted server code (post checks at approval and scheduling) or
 * a route that has already checked `posts.read`, so it takes a library id.
 */
export function guidelinePolicySource(store: Store) {
  return {
    async current(libraryId: string): Promise<CurrentPolicy> {
      const row = await store.repos.strategy.currentVersion(libraryId)
      if (!row) {
        return { policy: DEFAULT_POLICY, source: 'default', versionId: null, approvedAt: null }
      }
      const { guidelines } = parseDocument(row.document)
      return {
        policy: guidelinePolicySchema.parse({ ...guidelines, policySource: 'approved' }),
        source: 'approved',
        versionId: row.id,
        approvedAt: row.approved_at,
      }
    },
  }
}
export type GuidelinePolicySource = ReturnType<typeof guidelinePolicySource>

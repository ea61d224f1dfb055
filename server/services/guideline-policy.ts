import {
  DEFAULT_POLICY,
  type GuidelinePolicy,
  guidelinePolicySchema,
} from '../../core/guidelines/policy.js'
import type { Store } from '../repos/index.js'
import { parseDocument } from './strategy-view.js'

/** Policies kept in the process: one a library in force, and some room for those replaced. */
const MAX_POLICIES = 1_000

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
  // An approved version's document never changes, so its policy is kept by version id: reading,
  // parsing and validating the document cost more than the query that names the version, and
  // the same policy object lets the checks reuse what they compiled from it (core compilePolicy).
  const policies = new Map<string, GuidelinePolicy>()
  async function policyOf(libraryId: string, versionId: string): Promise<GuidelinePolicy> {
    let policy = policies.get(versionId)
    if (!policy) {
      const row = await store.repos.strategy.findVersion(libraryId, versionId)
      if (!row) throw new Error(`Strategy version ${versionId} vanished while being read`)
      const { guidelines } = parseDocument(row.document)
      policy = guidelinePolicySchema.parse({ ...guidelines, policySource: 'approved' })
      if (policies.size >= MAX_POLICIES) policies.delete(policies.keys().next().value!)
      policies.set(versionId, policy)
    }
    return policy
  }

  return {
    async current(libraryId: string): Promise<CurrentPolicy> {
      const ref = await store.repos.strategy.currentVersionRef(libraryId)
      if (!ref) {
        return { policy: DEFAULT_POLICY, source: 'default', versionId: null, approvedAt: null }
      }
      return {
        policy: await policyOf(libraryId, ref.id),
        source: 'approved',
        versionId: ref.id,
        approvedAt: ref.approved_at,
      }
    },
  }
}
export type GuidelinePolicySource = ReturnType<typeof guidelinePolicySource>

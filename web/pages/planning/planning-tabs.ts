import type { PostState } from '../../../core/schemas/index.js'

/** The planning page's lists; the Swedish slugs are part of the page's address (?visa=utkast). */
export const PLANNING_TABS = {
  schemalagda: { key: 'scheduled', states: ['scheduled'] },
  publicerade: { key: 'published', states: ['published', 'withdrawn'] },
  misslyckade: { key: 'failed', states: ['failed'] },
  // Not scheduled yet: drafts, and posts in review or approved (each list item says which).
  utkast: { key: 'drafts', states: ['draft', 'in_review', 'approved'] },
} as const satisfies Record<string, { key: string; states: readonly PostState[] }>

export type PostListTab = keyof typeof PLANNING_TABS
/** The calendar comes first: it is what the team opens Planering for. */
export type PlanningTab = 'kalender' | PostListTab

export function isPostListTab(value: unknown): value is PostListTab {
  return typeof value === 'string' && value in PLANNING_TABS
}

export function isPlanningTab(value: unknown): value is PlanningTab {
  return value === 'kalender' || isPostListTab(value)
}

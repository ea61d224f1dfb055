import type { PostState } from '../../../core/schemas/index.js'

/** The planning page's lists; the Swedish slugs are part of the page's address (?visa=utkast). */
export const PLANNING_TABS = {
  schemalagda: { key: 'scheduled', states: ['scheduled'] },
  publicerade: { key: 'published', states: ['published', 'withdrawn'] },
  misslyckade: { key: 'failed', states: ['failed'] },
  utkast: { key: 'drafts', states: ['draft'] },
} as const satisfies Record<string, { key: string; states: readonly PostState[] }>

export type PlanningTab = keyof typeof PLANNING_TABS

export function isPlanningTab(value: unknown): value is PlanningTab {
  return typeof value === 'string' && value in PLANNING_TABS
}

import { isLocalDate } from '../../../core/time/zoned.js'
import { type PlanningTab, isPlanningTab } from './planning-tabs.js'

export const CALENDAR_VIEWS = ['manad', 'vecka', 'lista'] as const
export type CalendarView = (typeof CALENDAR_VIEWS)[number]

/**
 * The planning page's address keeps everything a colleague needs to see the
 * same thing: the tab, the calendar's view and day, and its filters
 * (?vy=vecka&datum=2027-03-14&kanal=…&lage=draft,scheduled).
 */
export interface PlanningSearch {
  visa?: PlanningTab
  vy?: CalendarView
  datum?: string
  kanal?: string
  kampanj?: string
  forfattare?: string
  ansvarig?: string
  lage?: string
  tagg?: string
}

export const FILTER_PARAMS = {
  kanal: 'channel',
  kampanj: 'campaign',
  forfattare: 'author',
  ansvarig: 'assignee',
  lage: 'state',
  tagg: 'tag',
} as const

const LIST = /^[\p{L}\p{N}\p{M}_,.\- #]{1,2000}$/u

export function validatePlanningSearch(search: Record<string, unknown>): PlanningSearch {
  const out: PlanningSearch = {}
  if (isPlanningTab(search.visa)) out.visa = search.visa
  if ((CALENDAR_VIEWS as readonly unknown[]).includes(search.vy)) out.vy = search.vy as CalendarView
  if (typeof search.datum === 'string' && isLocalDate(search.datum)) out.datum = search.datum
  for (const key of Object.keys(FILTER_PARAMS) as (keyof typeof FILTER_PARAMS)[]) {
    const value = search[key]
    if (typeof value === 'string' && LIST.test(value)) out[key] = value
  }
  return out
}

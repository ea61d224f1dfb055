import { addDays } from '../time/zoned.js'

/** Calendar months as YYYY-MM, on the library's calendar. */
export const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/

export function monthOf(day: string): string {
  return day.slice(0, 7)
}

export function firstDay(month: string): string {
  return `${month}-01`
}

export function lastDay(month: string): string {
  return addDays(firstDay(nextMonth(month)), -1)
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

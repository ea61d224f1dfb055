import { queryOptions } from '@tanstack/react-query'
import type {
  Comparison,
  GoalsProgress,
  ReportRecipient,
  ReportSettings,
} from '../../core/schemas/reports.js'
import { api } from './client.js'

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`

/** A library's report settings, or (libraryId null) the installation's. */
const settingsBase = (libraryId: string | null) =>
  libraryId === null ? '/instance/reports' : `${base(libraryId)}/reports`

export const goalsProgressQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'strategy', 'goals'],
    queryFn: () => api<GoalsProgress>('GET', `${base(libraryId)}/strategy/goals/progress`),
  })

export const reportSettingsQuery = (libraryId: string | null) =>
  queryOptions({
    queryKey: libraryId === null ? ['instance', 'reports'] : ['library', libraryId, 'reports'],
    queryFn: () => api<ReportSettings>('GET', `${settingsBase(libraryId)}/settings`),
  })

export function addRecipient(
  libraryId: string | null,
  input: { email: string; name: string },
): Promise<ReportRecipient> {
  return api<ReportRecipient>('POST', `${settingsBase(libraryId)}/recipients`, input)
}

export function removeRecipient(libraryId: string | null, id: string): Promise<void> {
  return api<void>('DELETE', `${settingsBase(libraryId)}/recipients/${encodeURIComponent(id)}`)
}

export function retryRecipient(libraryId: string | null, id: string): Promise<ReportRecipient> {
  return api<ReportRecipient>(
    'POST',
    `${settingsBase(libraryId)}/recipients/${encodeURIComponent(id)}/retry`,
  )
}

export function sendTestReport(libraryId: string | null): Promise<{ to: string; month: string }> {
  return api('POST', `${settingsBase(libraryId)}/test`, {})
}

/** Where the browser opens the report (the session cookie goes along). */
export function reportUrl(libraryId: string | null, format: 'pdf' | 'html', month: string) {
  return `/api/v1${settingsBase(libraryId)}/monthly.${format}?month=${encodeURIComponent(month)}`
}

export function setComparison(
  libraryId: string,
  optedIn: boolean,
): Promise<{ optedIn: boolean; since: string | null }> {
  return api('PATCH', `${base(libraryId)}/reports/comparison`, { optedIn })
}

export const comparisonQuery = (libraryId: string, month?: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'reports', 'comparison', month ?? 'latest'],
    queryFn: () =>
      api<Comparison>(
        'GET',
        `${base(libraryId)}/stats/comparison${month ? `?month=${encodeURIComponent(month)}` : ''}`,
      ),
  })

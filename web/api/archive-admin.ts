import { queryOptions } from '@tanstack/react-query'
import type { ArchiveEntry, ArchiveEntryKind } from '../../core/archive/entry.js'
import type {
  ArchiveReport,
  ArchiveSettings,
  HoldInput,
  HoldView,
  RetentionRuleInput,
  RetentionRuleView,
  WeedingDecisionView,
  WeedingInput,
  WeedingPreview,
} from '../../core/schemas/archive-weeding.js'
import { api } from './client.js'

const library = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`
const archive = (libraryId: string) => `${library(libraryId)}/archive`

/** Every query below starts with this key, so one invalidation refreshes the archive's settings. */
export const archiveAdminKey = (libraryId: string) => ['library', libraryId, 'archive', 'admin']

export const retentionRulesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...archiveAdminKey(libraryId), 'rules'],
    queryFn: () => api<RetentionRuleView[]>('GET', `${archive(libraryId)}/retention-rules`),
  })

export const createRetentionRule = (libraryId: string, input: RetentionRuleInput) =>
  api<RetentionRuleView>('POST', `${archive(libraryId)}/retention-rules`, input)

export const retireRetentionRule = (libraryId: string, ruleId: string) =>
  api<unknown>('DELETE', `${archive(libraryId)}/retention-rules/${encodeURIComponent(ruleId)}`)

export const holdsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...archiveAdminKey(libraryId), 'holds'],
    queryFn: () => api<HoldView[]>('GET', `${archive(libraryId)}/holds`),
  })

export const placeHold = (libraryId: string, input: HoldInput) =>
  api<HoldView>('POST', `${archive(libraryId)}/holds`, input)

export const liftHold = (libraryId: string, holdId: string) =>
  api<HoldView>('POST', `${archive(libraryId)}/holds/${encodeURIComponent(holdId)}/lift`, {})

export const previewWeeding = (libraryId: string, input: WeedingInput) =>
  api<WeedingPreview>('POST', `${archive(libraryId)}/weeding/preview`, input)

export const decideWeeding = (libraryId: string, input: WeedingInput) =>
  api<WeedingDecisionView>('POST', `${archive(libraryId)}/weeding/decisions`, input)

export type WeedingDecisionSummary = Omit<WeedingDecisionView, 'entries' | 'rules' | 'note'>

export const weedingDecisionsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...archiveAdminKey(libraryId), 'decisions'],
    queryFn: () => api<WeedingDecisionSummary[]>('GET', `${archive(libraryId)}/weeding/decisions`),
  })

export const archiveReportQuery = (libraryId: string, month: string) =>
  queryOptions({
    queryKey: [...archiveAdminKey(libraryId), 'report', month],
    queryFn: () =>
      api<ArchiveReport>('GET', `${archive(libraryId)}/report?month=${encodeURIComponent(month)}`),
  })

export const archiveSettingsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...archiveAdminKey(libraryId), 'settings'],
    queryFn: () => api<ArchiveSettings>('GET', `${archive(libraryId)}/settings`),
  })

export const saveArchiveSettings = (libraryId: string, settings: ArchiveSettings) =>
  api<ArchiveSettings>('PATCH', `${archive(libraryId)}/settings`, settings)

/** Why an item about a person is kept, in the reader's language (core/archive/kept-reason.ts). */
export interface KeptWithText {
  basis: string
  earliestWeeding: string | null
  permanent: boolean
  holds: string[]
  text: string
}

/** A network account's registerutdrag, as far as the page shows it. */
export interface AccountExtract {
  generatedAt: string
  remoteIds: string[]
  handles: string[]
  archive: { entry: ArchiveEntry; kept: KeptWithText }[]
  interactions: {
    id: string
    channelId: string
    kind: string
    text: string
    url: string
    createdAt: string
    author: { remoteId: string; handle: string; name: string }
    kept: KeptWithText | null
  }[]
  inboxItems: { id: string }[]
  notes: { id: string; body: string; createdAt: string; kept: KeptWithText }[]
}

export interface ErasureResult {
  pseudonym: string
  pseudonymised: { id: string; kind: string; channelId: string }[]
  kept: { type: string; id: string; kind: ArchiveEntryKind | string; reason: KeptWithText }[]
}

/** A handle (with or without @) or a network id (did:…, or digits on Mastodon). */
export function accountQuery(value: string): { handle: string } | { remoteId: string } {
  const v = value.trim()
  return /^did:|^\d+$/.test(v) ? { remoteId: v } : { handle: v.replace(/^@/, '') }
}

const personal = (libraryId: string) => `${library(libraryId)}/personal-data`

export const accountExtract = (libraryId: string, account: string) =>
  api<AccountExtract>(
    'GET',
    `${personal(libraryId)}/account?${new URLSearchParams(accountQuery(account)).toString()}`,
  )

/** Where the browser downloads the readable extract (a GET: the server logs it as an export). */
export const accountExtractTextUrl = (libraryId: string, account: string) =>
  `/api/v1${personal(libraryId)}/account?${new URLSearchParams({ ...accountQuery(account), format: 'text' }).toString()}`

export const eraseAccount = (libraryId: string, account: string) =>
  api<ErasureResult>('POST', `${personal(libraryId)}/account/erase`, accountQuery(account))

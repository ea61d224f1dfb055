import os from 'node:os'
import { DomainError } from '../../core/errors.js'
import type { Locale } from '../../core/locale.js'
import {
  AUDIT_ACTION_LABELS,
  type AuditAction,
  type AuditDetails,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  auditActionSchema,
  auditDetailsSchema,
} from '../../core/schemas/audit.js'
import { addDays, utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import type { AuditFilter, AuditRow } from '../repos/audit-repo.js'
import type { Repos, Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import type { CurrentUser } from './auth-service.js'
import { csvFile } from './calendar-export.js'
import { currentRequestId } from './request-scope.js'

export interface AuditRecord {
  action: AuditAction
  target?: { type: string; id: string; label?: string | null | undefined }
  details?: AuditDetails
}

export interface AuditActor {
  /** The library, or null for the instance log. */
  libraryId: string | null
  /** The person; null for the command line. */
  actorId: string | null
  /** Given when the actor has no account to look up (the command line). */
  actorName?: string
}

/**
 * Appends one entry to the audit log. Call it with the repositories of the
 * transaction that makes the change, so that both are kept or neither.
 */
export async function recordAudit(
  repos: Pick<Repos, 'audit' | 'users'>,
  actor: AuditActor,
  record: AuditRecord,
): Promise<void> {
  const name =
    actor.actorName ??
    (actor.actorId ? ((await repos.users.findById(actor.actorId))?.name ?? null) : null)
  await repos.audit.append({
    id: newId(),
    library_id: actor.libraryId,
    at: new Date().toISOString(),
    actor_id: actor.actorId,
    actor_name: name,
    action: record.action,
    target_type: record.target?.type ?? null,
    target_id: record.target?.id ?? null,
    target_label: record.target?.label ?? null,
    details: JSON.stringify(auditDetailsSchema.parse(record.details ?? {})),
    request_id: currentRequestId(),
  })
}

/** Someone at the server's command line; the operating-system account is what names them. */
export function commandLineActor(command: string): AuditActor {
  let who: string
  try {
    who = `${os.userInfo().username}@${os.hostname()}`
  } catch {
    who = os.hostname()
  }
  return { libraryId: null, actorId: null, actorName: `${who} (torget ${command})` }
}

/** The usual case: a member did something in their library. */
export function auditIn(
  repos: Pick<Repos, 'audit' | 'users'>,
  access: { libraryId: string; userId: string },
  record: AuditRecord,
): Promise<void> {
  return recordAudit(repos, { libraryId: access.libraryId, actorId: access.userId }, record)
}

const PAGE_SIZE = 100
const EXPORT_LIMIT = 50_000
// The instance has no time zone of its own; its log is read in Sweden's.
const INSTANCE_TIME_ZONE = 'Europe/Stockholm'

const CSV_HEADERS: Record<Locale, string[]> = {
  sv: ['Datum', 'Tid', 'Vem', 'Händelse', 'Gäller', 'Detaljer', 'Begäran'],
  en: ['Date', 'Time', 'Who', 'Event', 'Concerns', 'Details', 'Request'],
}
const COMMAND_LINE: Record<Locale, string> = { sv: 'Kommandoraden', en: 'Command line' }

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    libraryId: row.library_id,
    actor: { id: row.actor_id, name: row.actor_name },
    action: auditActionSchema.catch('library.settings_changed').parse(row.action),
    target:
      row.target_type && row.target_id
        ? { type: row.target_type, id: row.target_id, label: row.target_label }
        : null,
    details: auditDetailsSchema.catch({}).parse(JSON.parse(row.details)),
    requestId: row.request_id,
  }
}

/** Reading and exporting the log: a library's by its Ansvarig, the instance's by administrators. */
export function auditService({ store }: { store: Store }) {
  function filterOf(query: AuditQuery, timeZone: string): AuditFilter {
    if (query.from && query.to && query.to < query.from)
      throw new DomainError('calendar_range_invalid')
    const [at, id] = query.before?.split('|') ?? []
    const before = at && id ? { at, id } : undefined
    return {
      from: query.from && zonedToUtc(query.from, '00:00', timeZone).toISOString(),
      to: query.to && zonedToUtc(addDays(query.to, 1), '00:00', timeZone).toISOString(),
      action: query.action,
      before,
    }
  }

  async function page(libraryId: string | null, query: AuditQuery, timeZone: string) {
    const rows = await store.repos.audit.list(libraryId, filterOf(query, timeZone), PAGE_SIZE + 1)
    const items = rows.slice(0, PAGE_SIZE).map(toEntry)
    const last = items.at(-1)
    return {
      items,
      next: rows.length > PAGE_SIZE && last ? `${last.at}|${last.id}` : null,
    } satisfies AuditPage
  }

  async function csv(
    libraryId: string | null,
    query: AuditQuery,
    timeZone: string,
    locale: Locale,
  ): Promise<string> {
    const rows = await store.repos.audit.list(
      libraryId,
      { ...filterOf(query, timeZone), before: undefined },
      EXPORT_LIMIT,
    )
    return csvFile([
      CSV_HEADERS[locale],
      ...rows.map(toEntry).map((e) => {
        const local = utcToZoned(e.at, timeZone)
        return [
          local.date,
          local.time,
          e.actor.name ?? (e.actor.id ? '' : COMMAND_LINE[locale]),
          AUDIT_ACTION_LABELS[e.action][locale],
          e.target ? (e.target.label ?? e.target.id) : '',
          Object.entries(e.details)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
          e.requestId ?? '',
        ]
      }),
    ])
  }

  async function libraryZone(libraryId: string) {
    const library = await store.repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    return library.time_zone
  }

  const requireAdmin = (user: CurrentUser) => {
    if (!user.isInstanceAdmin) throw new DomainError('instance_audit_forbidden')
  }

  return {
    async list(access: LibraryAccess<'audit.read'>, query: AuditQuery): Promise<AuditPage> {
      return page(access.libraryId, query, await libraryZone(access.libraryId))
    },

    /** The log as CSV; the export itself is the last thing it records. */
    async exportCsv(
      access: LibraryAccess<'audit.read'>,
      query: AuditQuery,
      locale: Locale,
    ): Promise<{ filename: string; body: string }> {
      const body = await csv(access.libraryId, query, await libraryZone(access.libraryId), locale)
      await auditIn(store.repos, access, {
        action: 'export.audit_csv',
        details: periodDetails(query),
      })
      return { filename: `granskningslogg${periodName(query)}.csv`, body }
    },

    async listInstance(user: CurrentUser, query: AuditQuery): Promise<AuditPage> {
      requireAdmin(user)
      return page(null, query, INSTANCE_TIME_ZONE)
    },

    async exportInstanceCsv(
      user: CurrentUser,
      query: AuditQuery,
      locale: Locale,
    ): Promise<{ filename: string; body: string }> {
      requireAdmin(user)
      const body = await csv(null, query, INSTANCE_TIME_ZONE, locale)
      await recordAudit(
        store.repos,
        { libraryId: null, actorId: user.id },
        { action: 'export.audit_csv', details: periodDetails(query) },
      )
      return { filename: `granskningslogg-torget${periodName(query)}.csv`, body }
    },
  }
}
export type AuditService = ReturnType<typeof auditService>

function periodDetails(query: AuditQuery): AuditDetails {
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    ...(query.action && { action: query.action }),
  }
}

function periodName(query: AuditQuery): string {
  return query.from || query.to ? `-${query.from ?? ''}-${query.to ?? ''}` : ''
}

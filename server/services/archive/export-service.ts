import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { DomainError } from '../../../core/errors.js'
import { addDays, zonedToUtc } from '../../../core/time/zoned.js'
import { packageId } from '../../archive/package/names.js'
import type { DeliveryPackageResult } from '../../archive/package/write-package.js'
import type { StoreOf } from '../../repos/index.js'
import type { LibraryAccess } from '../access.js'
import { type AuditActor, recordAudit } from '../audit-service.js'
import { type ExportJob, exportIsolated } from './isolated-export.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/

export interface ExportPeriod {
  /** First and last day (both included), in the library's time zone. */
  from: string
  to: string
}

function checkPeriod({ from, to }: ExportPeriod): void {
  const valid = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`))
  if (!valid(from) || !valid(to) || to < from) throw new DomainError('archive_period_invalid')
}

/**
 * A period of the archive as a delivery package (server/archive/package):
 * entries read page by page in chain order, media from the archive's own
 * copies, the library and its accounts as the package's metadata, written
 * by a thread of its own with bounded memory. Each export is recorded in
 * the audit log.
 */
export function archiveExportService(deps: {
  store: StoreOf<'archive' | 'libraries' | 'channels' | 'audit' | 'users'>
  version: string
  /** Where a package for download is written before it is sent (under the data folder). */
  workDir: string
  /** The database the export's own thread reads the period from (server/services/archive/isolated-export.ts). */
  database: ExportJob['database']
}) {
  const { store } = deps

  const service = {
    /** Writes the package to `out` (a new file); what it holds. */
    async write(
      libraryId: string,
      period: ExportPeriod,
      out: string,
      actor: AuditActor & { name?: string | null },
    ): Promise<DeliveryPackageResult> {
      checkPeriod(period)
      const library = await store.repos.libraries.findById(libraryId)
      if (!library) throw new DomainError('library_not_found')
      const zone = library.time_zone
      const from = zonedToUtc(period.from, '00:00', zone).toISOString()
      const to = zonedToUtc(addDays(period.to, 1), '00:00', zone).toISOString()
      const channels = await store.repos.channels.list(libraryId)
      const result = await exportIsolated({
        database: deps.database,
        libraryId,
        from,
        to,
        out,
        metadata: {
          library: { id: library.id, name: library.name },
          accounts: channels.map((c) => ({
            channelId: c.id,
            network: c.network,
            handle: c.handle,
            url: c.profile_url,
          })),
          period,
          torgetVersion: deps.version,
          createdAt: new Date().toISOString(),
          timeZone: zone,
          ...(actor.name ? { createdBy: actor.name } : {}),
        },
      })
      await recordAudit(store.repos, actor, {
        action: 'export.archive_package',
        target: { type: 'archive_package', id: result.packageId, label: result.packageId },
        details: {
          from: period.from,
          to: period.to,
          entries: result.entries,
          mediaFiles: result.mediaFiles,
          bytes: result.bytes,
          sha256: result.sha256,
        },
      })
      return result
    },

    /**
     * For download: the package written to a file of its own under the work
     * folder; the caller sends it and then calls `remove`.
     */
    async forDownload(access: LibraryAccess<'archive.manage'>, period: ExportPeriod) {
      checkPeriod(period)
      const library = await store.repos.libraries.findById(access.libraryId)
      if (!library) throw new DomainError('library_not_found')
      const user = await store.repos.users.findById(access.userId)
      await fs.promises.mkdir(deps.workDir, { recursive: true })
      const file = path.join(deps.workDir, `${randomUUID()}.tar`)
      const result = await service.write(access.libraryId, period, file, {
        libraryId: access.libraryId,
        actorId: access.userId,
        name: user?.name ?? null,
      })
      return {
        file,
        filename: `${packageId(library, period.from, period.to)}.tar`,
        result,
        remove: () => fs.promises.rm(file, { force: true }),
      }
    },
  }
  return service
}
export type ArchiveExportService = ReturnType<typeof archiveExportService>

import type { Kysely } from 'kysely'
import { type Migration, type MigrationResult, Migrator } from 'kysely/migration'
import * as m001 from './migrations/001-accounts-and-libraries.js'
import * as m002 from './migrations/002-job-queue.js'
import * as m003 from './migrations/003-channels-and-publishing.js'
import * as m004 from './migrations/004-mastodon-apps.js'
import * as m005 from './migrations/005-strategy-and-policy.js'
import * as m006 from './migrations/006-lookup-indexes.js'
import * as m007 from './migrations/007-post-planning.js'
import * as m008 from './migrations/008-approval.js'
import * as m009 from './migrations/009-calendar.js'
import * as m010 from './migrations/010-events-and-campaigns.js'
import * as m011 from './migrations/011-post-language-and-remote-ids.js'
import * as m012 from './migrations/012-account-safety.js'
import * as m013 from './migrations/013-audit-log.js'
import * as m014 from './migrations/014-publication-retries.js'
import * as m015 from './migrations/015-read-caches.js'
import * as m016 from './migrations/016-inbox.js'
import * as m017 from './migrations/017-archive.js'
import * as m018 from './migrations/018-archive-search.js'
import * as m019 from './migrations/019-archive-requests.js'
import * as m020 from './migrations/020-archive-weeding.js'
import * as m021 from './migrations/021-archive-person-handle.js'
import * as m022 from './migrations/022-metrics-history.js'
import * as m023 from './migrations/023-metrics-collection.js'
import * as m024 from './migrations/024-stats-rollups.js'
import * as m025 from './migrations/025-ladder.js'
import * as m026 from './migrations/026-stats-reports.js'
import * as m027 from './migrations/027-meta-channels.js'
import * as m028 from './migrations/028-practice-and-path.js'
import * as m029 from './migrations/029-ideas.js'
import * as m030 from './migrations/030-archive-filter-indexes.js'
import * as m031 from './migrations/031-answer-times-index.js'
import * as m033 from './migrations/033-meta-insights-and-expiry-warnings.js'
import * as m034 from './migrations/034-path-reminders.js'
import * as m035 from './migrations/035-inbox-ingest.js'
import * as m036 from './migrations/036-stats-generations.js'
import * as m038 from './migrations/038-received-media.js'
import * as m039 from './migrations/039-ingest-keys.js'
import * as m041 from './migrations/041-interactions-library-index.js'
import * as m042 from './migrations/042-ladder-steps-index.js'
import * as m043 from './migrations/043-archive-search-head.js'
import * as m046 from './migrations/046-channel-health-warnings.js'
import * as m049 from './migrations/049-ladder-activity-seq.js'
import * as m050 from './migrations/050-stats-rollups-library-keys.js'
import * as m053 from './migrations/053-archive-search-periods.js'
import * as m054 from './migrations/054-archive-search-facets.js'
import * as m055 from './migrations/055-archive-person-time.js'

/** Listed here, not read from disk, so the compiled build carries them. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-accounts-and-libraries': m001,
  '002-job-queue': m002,
  '003-channels-and-publishing': m003,
  '004-mastodon-apps': m004,
  '005-strategy-and-policy': m005,
  '006-lookup-indexes': m006,
  '007-post-planning': m007,
  '008-approval': m008,
  '009-calendar': m009,
  '010-events-and-campaigns': m010,
  '011-post-language-and-remote-ids': m011,
  '012-account-safety': m012,
  '013-audit-log': m013,
  '014-publication-retries': m014,
  '015-read-caches': m015,
  '016-inbox': m016,
  '017-archive': m017,
  '018-archive-search': m018,
  '019-archive-requests': m019,
  '020-archive-weeding': m020,
  '021-archive-person-handle': m021,
  '022-metrics-history': m022,
  '023-metrics-collection': m023,
  '024-stats-rollups': m024,
  '025-ladder': m025,
  '026-stats-reports': m026,
  '027-meta-channels': m027,
  '028-practice-and-path': m028,
  '029-ideas': m029,
  '030-archive-filter-indexes': m030,
  '031-answer-times-index': m031,
  '033-meta-insights-and-expiry-warnings': m033,
  '034-path-reminders': m034,
  '035-inbox-ingest': m035,
  '036-stats-generations': m036,
  '038-received-media': m038,
  '039-ingest-keys': m039,
  '041-interactions-library-index': m041,
  '042-ladder-steps-index': m042,
  '043-archive-search-head': m043,
  '046-channel-health-warnings': m046,
  '049-ladder-activity-seq': m049,
  '050-stats-rollups-library-keys': m050,
  '053-archive-search-periods': m053,
  '054-archive-search-facets': m054,
  '055-archive-person-time': m055,
}

export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below the typed schema
  db: Kysely<any>,
  /** Only the migrations named before this one (a migration's test starts from there). */
  options: { before?: string } = {},
): Promise<MigrationResult[]> {
  const { before } = options
  const migrations = before
    ? Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < before))
    : MIGRATIONS
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'torget_migrations',
    migrationLockTableName: 'torget_migrations_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return results ?? []
}

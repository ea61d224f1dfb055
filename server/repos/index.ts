import type { Db } from '../db/database.js'
import { archiveRepo } from './archive-repo.js'
import { archiveRequestsRepo } from './archive-requests-repo.js'
import { archiveSourcesRepo } from './archive-sources-repo.js'
import { archiveWeedingRepo } from './archive-weeding-repo.js'
import { personalDataRepo } from './personal-data-repo.js'
import { auditRepo } from './audit-repo.js'
import { authEventsRepo } from './auth-events-repo.js'
import { cacheGenerationRepo } from './cache-generation-repo.js'
import { campaignsRepo } from './campaigns-repo.js'
import { eventsRepo } from './events-repo.js'
import { recurringSlotsRepo } from './recurring-slots-repo.js'
import { calendarFeedsRepo } from './calendar-feeds-repo.js'
import { calendarRepo } from './calendar-repo.js'
import { channelMixRepo } from './channel-mix-repo.js'
import { channelsRepo } from './channels-repo.js'
import { commentsRepo } from './comments-repo.js'
import { historyRepo } from './history-repo.js'
import { ideasRepo } from './ideas-repo.js'
import { inboxRepo } from './inbox-repo.js'
import { inboxSettingsRepo } from './inbox-settings-repo.js'
import { ingestRepo } from './ingest-repo.js'
import { ladderActivityRepo } from './ladder-activity-repo.js'
import { ladderRepo } from './ladder-repo.js'
import { mastodonAppsRepo } from './mastodon-apps-repo.js'
import { metaRepo } from './meta-repo.js'
import { metricSamplingRepo } from './metric-sampling-repo.js'
import { metricsRepo } from './metrics-repo.js'
import { postsRepo } from './posts-repo.js'
import { practiceRepo } from './practice-repo.js'
import { publicationsRepo } from './publications-repo.js'
import { reportsRepo } from './reports-repo.js'
import { invitationsRepo } from './invitations-repo.js'
import { librariesRepo } from './libraries-repo.js'
import { membershipsRepo } from './memberships-repo.js'
import { notificationsRepo } from './notifications-repo.js'
import { passwordResetsRepo } from './password-resets-repo.js'
import { policyRepo } from './policy-repo.js'
import { sessionsRepo } from './sessions-repo.js'
import { setupCodesRepo } from './setup-codes-repo.js'
import { signInThrottlesRepo } from './sign-in-throttles-repo.js'
import { emailConfirmationsRepo } from './email-confirmations-repo.js'
import { statsRepo } from './stats-repo.js'
import { statsRollupRepo } from './stats-rollup-repo.js'
import { strategyRepo } from './strategy-repo.js'
import { usersRepo } from './users-repo.js'

export function createRepos(db: Db) {
  return {
    audit: auditRepo(db),
    users: usersRepo(db),
    libraries: librariesRepo(db),
    memberships: membershipsRepo(db),
    sessions: sessionsRepo(db),
    cacheGeneration: cacheGenerationRepo(db),
    invitations: invitationsRepo(db),
    passwordResets: passwordResetsRepo(db),
    authEvents: authEventsRepo(db),
    signInThrottles: signInThrottlesRepo(db),
    setupCodes: setupCodesRepo(db),
    emailConfirmations: emailConfirmationsRepo(db),
    channels: channelsRepo(db),
    channelMix: channelMixRepo(db),
    mastodonApps: mastodonAppsRepo(db),
    meta: metaRepo(db),
    posts: postsRepo(db),
    events: eventsRepo(db),
    campaigns: campaignsRepo(db),
    recurringSlots: recurringSlotsRepo(db),
    calendar: calendarRepo(db),
    calendarFeeds: calendarFeedsRepo(db),
    publications: publicationsRepo(db),
    strategy: strategyRepo(db),
    policy: policyRepo(db),
    practice: practiceRepo(db),
    comments: commentsRepo(db),
    history: historyRepo(db),
    notifications: notificationsRepo(db),
    ingest: ingestRepo(db),
    inbox: inboxRepo(db),
    inboxSettings: inboxSettingsRepo(db),
    archive: archiveRepo(db),
    archiveSources: archiveSourcesRepo(db),
    archiveWeeding: archiveWeedingRepo(db),
    personalData: personalDataRepo(db),
    archiveRequests: archiveRequestsRepo(db),
    metrics: metricsRepo(db),
    metricSampling: metricSamplingRepo(db),
    stats: statsRepo(db),
    statsRollup: statsRollupRepo(db),
    reports: reportsRepo(db),
    ladder: ladderRepo(db),
    ladderActivity: ladderActivityRepo(db),
    ideas: ideasRepo(db),
  }
}
export type Repos = ReturnType<typeof createRepos>

/** Repositories plus a way to run several of them in one transaction. */
export interface Store {
  repos: Repos
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>
}

/** A store narrowed to the repositories one service uses. */
export interface StoreOf<K extends keyof Repos> {
  repos: Pick<Repos, K>
  transaction<T>(work: (repos: Pick<Repos, K>) => Promise<T>): Promise<T>
}

export function createStore(db: Db): Store {
  return {
    repos: createRepos(db),
    transaction: (work) => db.transaction().execute((trx) => work(createRepos(trx))),
  }
}

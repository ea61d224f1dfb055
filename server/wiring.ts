import fs from 'node:fs'
import path from 'node:path'
import { type Clock, systemClock } from './clock.js'
import type { Config } from './config/config.js'
import { createMailer } from './adapters/mail/mailer.js'
import { type AdapterDeps, CHANNEL_MODULES } from './adapters/channels/registry.js'
import { metaOAuth } from './adapters/meta/oauth.js'
import { metaSettings } from './adapters/meta/settings.js'
import { metaWebhooks } from './adapters/meta/webhooks.js'
import { authorizeUrl, registerApp } from './adapters/mastodon/mastodon-adapter.js'
import { normalizeInstanceUrl } from './adapters/mastodon/instance-url.js'
import type { SharedRateBudget } from './adapters/channels/rate-budget.js'
import { type GuardedFetch, guardedClient } from './net/guarded-client.js'
import { databaseRateBudget } from './services/rate-budget-store.js'
import { type DatabaseHandle, openDatabase, pingDatabase } from './db/database.js'
import { inOneTransaction } from './db/one-transaction.js'
import { migrateToLatest } from './db/migrate.js'
import { createHttpApp } from './http/app.js'
import { createJobQueue } from './jobs/create-queue.js'
import type { JobQueue } from './jobs/queue.js'
import { withdrawPublicationJob } from './jobs/withdraw-publication.js'
import { emailOutbox, outboxBox, sendEmailJob } from './jobs/send-email.js'
import type { Logger } from './logger.js'
import { packageRoot, torgetVersion } from './paths.js'
import { type Store, createStore } from './repos/index.js'
import { statsRollupStore } from './repos/stats-rollup-repo.js'
import { serverSecretBox } from './security/key-ring.js'
import type { SecretBox } from './security/secret-box.js'
import { tokenHasher } from './security/tokens.js'
import { accessService } from './services/access.js'
import { accessCache } from './services/access-cache.js'
import { approvalService } from './services/approval-service.js'
import { archiveCaptureService } from './services/archive/capture-service.js'
import { receivedMediaCopier } from './adapters/remote-media/received-media.js'
import { archiveService } from './services/archive/archive-service.js'
import { archiveRequestService } from './services/archive/request-service.js'
import { archiveExportService } from './services/archive/export-service.js'
import { interactionRetention } from './services/archive/interaction-retention.js'
import { personalDataService } from './services/archive/personal-data-service.js'
import { archiveReportService } from './services/archive/report-service.js'
import { weedingService } from './services/archive/weeding-service.js'
import { auditService } from './services/audit-service.js'
import { authService } from './services/auth-service.js'
import { calendarService, importedEvents } from './services/calendar-service.js'
import { campaignService } from './services/campaign-service.js'
import { eventService } from './services/event-service.js'
import { recurringSlotService } from './services/recurring-slot-service.js'
import {
  type Adapters,
  channelService,
  persistRefreshedCredentials,
} from './services/channel-service.js'
import { commentService } from './services/comment-service.js'
import { ideaService } from './services/idea-service.js'
import { channelMixService } from './services/channel-mix-service.js'
import { guidelinePolicySource } from './services/guideline-policy.js'
import { mastodonOAuthService } from './services/mastodon-oauth-service.js'
import { metaConnectService } from './services/meta-connect-service.js'
import { metaMediaService } from './services/meta-media-service.js'
import { metaWebhookService } from './services/meta-webhook-service.js'
import { postService } from './services/post-service.js'
import { practiceBoard } from './services/practice/practice-board.js'
import { type PathService, pathService } from './services/practice/path-service.js'
import { postBoostService } from './services/post-boost-service.js'
import {
  type PublicationScheduler,
  type PublishingService,
  publishingService,
} from './services/publishing-service.js'
import type { EmailOutbox } from './services/emails.js'
import { invitationService } from './services/invitation-service.js'
import { libraryService } from './services/library-service.js'
import { memberService } from './services/member-service.js'
import { notificationService } from './services/notification-service.js'
import { accessExpiryService } from './services/access-expiry-service.js'
import { policyService } from './services/policy-service.js'
import { strategyService } from './services/strategy-service.js'
import { inboxRules } from './services/inbox/inbox-rules.js'
import { ladderService } from './services/ladder/ladder-service.js'
import { inboxService } from './services/inbox/inbox-service.js'
import { inboxSettingsService } from './services/inbox/inbox-settings-service.js'
import { ingestService } from './services/inbox/ingest-service.js'
import { metricsCollection } from './services/metrics/collection-service.js'
import { moderationService } from './services/inbox/moderation-service.js'
import { replyService } from './services/inbox/reply-service.js'
import { rollupService } from './services/stats/rollup-service.js'
import { statsService } from './services/stats/stats-service.js'
import { compareService } from './services/reports/compare-service.js'
import { figuresService } from './services/reports/figures.js'
import { goalService } from './services/reports/goal-service.js'
import { reportBuilder } from './services/reports/report-builder.js'
import { type ReportService, reportService } from './services/reports/report-service.js'
import { type WorkerRole, workerRole } from './worker-role.js'

export type Services = ReturnType<typeof buildServices>

export interface Torget {
  database: DatabaseHandle
  queue: JobQueue
  services: Services
  /**
   * The same services reading the time from `clock`, over the same database:
   * the demo writes its library's past through them, week by week, so every
   * rule and every derived table is kept as a real past would have kept it.
   * Nothing they schedule reaches the worker (the demo does the worker's part
   * itself), and nothing they would mail is sent.
   */
  servicesAt(clock: Clock): ReturnType<typeof buildServices>
  /**
   * `servicesAt`, with all they do in one transaction: committed when `work`
   * resolves, undone if it throws. Thousands of small writes at once (the demo
   * seed) then wait for the disk once, not once each.
   */
  servicesInOneTransaction<T>(
    clock: Clock,
    work: (services: ReturnType<typeof buildServices>) => Promise<T>,
  ): Promise<T>
  http: ReturnType<typeof createHttpApp>
  startWorker(): Promise<void>
  /** Resolves once the worker's publishing loop has carried out everything due by now (tests, benchmarks). */
  publishingDrained(): Promise<void>
  close(): Promise<void>
}

function buildServices(
  config: Config,
  database: DatabaseHandle,
  emails: EmailOutbox,
  adaptersFor: (
    store: Store,
    box: SecretBox,
    outbound: GuardedFetch,
    budget: SharedRateBudget,
    clock: Clock,
    meta: AdapterDeps['meta'],
  ) => Adapters,
  scheduler: PublicationScheduler,
  logger: Logger,
  retryBaseMs?: number,
  clock: Clock = systemClock,
  metaPolling?: { intervalMs: number; attempts: number },
) {
  const store = createStore(database.db)
  const events = eventService({ store, allowPrivate: config.fetchAllowPrivate })
  const guidelines = guidelinePolicySource(store)
  const hashToken = tokenHasher(config.sessionSecret)
  const box = serverSecretBox(config)
  // Every request to a network goes through this one client and the operator's allow-list.
  const outbound = guardedClient({ allowPrivate: config.fetchAllowPrivate })
  // One rate budget per account for every process: reading the inbox never starves publishing.
  const budget = databaseRateBudget(database.db, clock)
  const meta = metaSettings(config)
  const metaMedia = metaMediaService({ meta: store.repos.meta, publicUrl: config.publicUrl, clock })
  // Built-in channels (Övningskanalen) are always there, also beside a test's stand-in networks.
  const adapters = {
    ...builtInAdapters(store, clock),
    ...adaptersFor(store, box, outbound, budget, clock, {
      settings: meta,
      media: metaMedia.links,
      containers: metaMedia.containers,
      ...(metaPolling && {
        pollIntervalMs: metaPolling.intervalMs,
        pollAttempts: metaPolling.attempts,
      }),
    }),
  }
  const channels = channelService({ store, adapters, box, clock })
  const staffPath = pathService({ store, channels, clock })
  const shared = { store, hashToken, emails, publicUrl: config.publicUrl }
  return {
    store,
    box,
    channels,
    mastodonOAuth: mastodonOAuthService({
      store,
      box,
      channels,
      oauth: {
        registerApp: (i, r) => registerApp(i, r, { fetch: outbound }),
        authorizeUrl,
        normalizeInstanceUrl,
      },
      publicUrl: config.publicUrl,
    }),
    metaConnect: metaConnectService({
      store,
      box,
      channels,
      oauth: metaOAuth(meta, outbound),
      settings: meta,
      publicUrl: config.publicUrl,
    }),
    metaMedia,
    metaWebhooks: metaWebhookService({
      store,
      webhooks: metaWebhooks(meta, config.metaWebhookVerifyToken),
      logger,
      clock,
    }),
    posts: postService({ store, scheduler, guidelines, clock }),
    boosts: postBoostService({ store }),
    approval: approvalService({ store, guidelines, scheduler, clock }),
    comments: commentService({ store, clock }),
    ideas: ideaService({ store, clock }),
    notifications: notificationService({
      store,
      emails,
      publicUrl: config.publicUrl,
      emailAvailable: Boolean(config.smtpUrl),
      clock,
    }),
    accessExpiry: accessExpiryService({
      store,
      emails,
      publicUrl: config.publicUrl,
      emailAvailable: Boolean(config.smtpUrl),
      clock,
    }),
    publishing: publishingService({
      store,
      adapters,
      box,
      scheduler,
      emails,
      publicUrl: config.publicUrl,
      logger,
      retryBaseMs,
      clock,
      inFlightLeaseMs: config.publishTimeoutSeconds * 1000,
    }),
    calendar: calendarService({
      store,
      hashToken,
      publicUrl: config.publicUrl,
      events: importedEvents(events),
    }),
    events,
    campaigns: campaignService({ store, guidelines }),
    recurringSlots: recurringSlotService({ store, guidelines, clock }),
    access: accessService({ store }),
    guidelines,
    channelMix: channelMixService({ store, policies: guidelines }),
    strategy: strategyService({ store, publicUrl: config.publicUrl, clock }),
    policy: policyService({ store, publicUrl: config.publicUrl, clock }),
    audit: auditService({ store }),
    archive: archiveService({ store }),
    archiveRequests: archiveRequestService({ store, clock }),
    archiveExport: archiveExportService({
      store,
      version: torgetVersion(),
      workDir: path.join(config.dataDir, 'exports'),
      database: { url: config.databaseUrl, sqlitePath: config.sqlitePath },
    }),
    archiveCapture: archiveCaptureService({
      store,
      logger,
      clock,
      copyMedia: receivedMediaCopier({ allowPrivate: config.fetchAllowPrivate }),
    }),
    weeding: weedingService({ store, clock }),
    archiveReport: archiveReportService({ store, clock }),
    personalData: personalDataService({ store, clock }),
    interactionRetention: interactionRetention({ store, clock }),
    metrics: metricsCollection({ store, adapters, box, logger, clock }),
    ...statsServices({ store, emails, emailAvailable: Boolean(config.smtpUrl), clock, logger }),
    rollups: rollupService({ store: statsRollupStore(database.db), logger, clock }),
    ladder: ladderService({ store, clock }),
    path: staffPath,
    ...inboxServices({
      store,
      adapters,
      box,
      guidelines,
      logger,
      clock,
      nudge: () => scheduler.nudge(),
      staffPath,
    }),
    auth: authService({ ...shared, setupCode: config.setupCode }),
    libraries: libraryService({ store }),
    members: memberService({ store }),
    invitations: invitationService({ ...shared, clock }),
  }
}

/** The inbox: ingest, the items' work, answers, moderation and the shared tools. */
function inboxServices(deps: {
  store: Store
  adapters: Adapters
  box: SecretBox
  guidelines: ReturnType<typeof guidelinePolicySource>
  logger: Logger
  clock: Clock
  nudge: () => void
  staffPath: Pick<PathService, 'repliesNeedApproval'>
}) {
  const { store, adapters, box, logger, clock } = deps
  const moderation = moderationService({ store, adapters, box, logger, clock })
  return {
    inbox: inboxService({ store, clock }),
    inboxSettings: inboxSettingsService({ store, clock }),
    replies: replyService({
      store,
      adapters,
      guidelines: deps.guidelines,
      nudge: deps.nudge,
      staffPath: deps.staffPath,
      clock,
    }),
    moderation,
    ingest: ingestService({
      store,
      adapters,
      box,
      rules: inboxRules({ store }),
      logger,
      clock,
      onHide: (libraryId, hides) => moderation.hideAutomatically(libraryId, hides),
    }),
  }
}

/** The Statistik page's figures, goals' progress, the comparison and the monthly report. */
function statsServices(deps: {
  store: Store
  emails: EmailOutbox
  emailAvailable: boolean
  clock: Clock
  logger: Logger
}) {
  const { store, clock } = deps
  const stats = statsService({ store, clock })
  const figures = figuresService({ store, stats, clock })
  const goals = goalService({ store, figures, clock })
  const builder = reportBuilder({ store, figures, goals, clock })
  return {
    stats,
    goals,
    compare: compareService({ store, figures, clock }),
    reports: reportService({ ...deps, builder }),
  }
}

/** The one place Torget is assembled from its configuration. */
export async function buildTorget(
  config: Config,
  logger: Logger,
  options: {
    demo?: boolean
    adapters?: Adapters
    publishRetryBaseMs?: number
    /** Tests move time with it instead of sleeping. */
    clock?: Clock
    /** Tests shorten the wait for Meta's media containers. */
    metaPolling?: { intervalMs: number; attempts: number }
  } = {},
): Promise<Torget> {
  const clock = options.clock ?? systemClock
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
  } catch (error) {
    await database.close().catch(() => {})
    throw error
  }
  const queue = createJobQueue({
    dialect: database.dialect,
    db: database.db,
    databaseUrl: config.databaseUrl,
    logger,
    concurrency: config.workerConcurrency,
    clock,
  })
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.smtpFrom, logger })
  const sealedOutbox = outboxBox(config.sessionSecret)
  // A report's delivery hears back from the mail job; the report service is made further down.
  const receipts: { reports?: ReportService } = {}
  const sendEmail = sendEmailJob(mailer, sealedOutbox, () => receipts.reports?.receipts)
  const emails = emailOutbox(queue, sendEmail, sealedOutbox)
  // The withdraw job and the publishing service need each other; the job looks it up when it runs.
  const late: { publishing?: PublishingService; worker?: WorkerRole } = {}
  const withdraw = withdrawPublicationJob(() => late.publishing!)
  const scheduler: PublicationScheduler = {
    nudge: () => late.worker?.nudgePublishing(),
    withdraw: (libraryId, publicationId) =>
      queue.send(withdraw, { libraryId, publicationId }, { key: `withdraw:${publicationId}` }),
  }
  const pastServices = (at: Clock, handle: DatabaseHandle) =>
    buildServices(
      config,
      handle,
      // What they would mail belongs to a past that never happened: nothing is sent.
      async () => {},
      options.adapters ? () => options.adapters! : defaultAdapters,
      // Nothing they schedule reaches the worker: the story does the worker's part itself
      // (publishing, withdrawing, reading, counting) at the times it tells.
      { nudge: () => {}, withdraw: async () => {} },
      logger,
      options.publishRetryBaseMs,
      at,
      options.metaPolling,
    )
  const services = buildServices(
    config,
    database,
    emails,
    options.adapters ? () => options.adapters! : defaultAdapters,
    scheduler,
    logger,
    options.publishRetryBaseMs,
    clock,
    options.metaPolling,
  )
  late.publishing = services.publishing
  receipts.reports = services.reports
  const worker = workerRole({
    queue,
    services,
    config,
    logger,
    clock,
    webJobs: [sendEmail, withdraw],
  })
  late.worker = worker
  const root = packageRoot()
  const swaggerDir = path.join(root, 'node_modules', 'swagger-ui-dist')

  const http = createHttpApp({
    logger,
    accessCache: accessCache(services),
    auth: services.auth,
    libraries: services.libraries,
    members: services.members,
    invitations: services.invitations,
    channels: services.channels,
    mastodonOAuth: services.mastodonOAuth,
    metaConnect: services.metaConnect,
    metaMedia: services.metaMedia,
    metaWebhooks: services.metaWebhooks,
    posts: services.posts,
    events: services.events,
    campaigns: services.campaigns,
    recurringSlots: services.recurringSlots,
    approval: services.approval,
    comments: services.comments,
    notifications: services.notifications,
    calendar: services.calendar,
    guidelines: services.guidelines,
    channelMix: services.channelMix,
    strategy: services.strategy,
    policy: services.policy,
    audit: services.audit,
    archive: services.archive,
    archiveRequests: services.archiveRequests,
    archiveExport: services.archiveExport,
    weeding: services.weeding,
    archiveReport: services.archiveReport,
    personalData: services.personalData,
    inbox: services.inbox,
    inboxSettings: services.inboxSettings,
    replies: services.replies,
    moderation: services.moderation,
    stats: services.stats,
    boosts: services.boosts,
    reports: services.reports,
    compare: services.compare,
    goals: services.goals,
    ladder: services.ladder,
    path: services.path,
    ideas: services.ideas,
    cookieSecure: config.cookieSecure,
    trustedProxies: config.trustProxy ? config.trustProxyHops : 0,
    demo: options.demo ?? config.allowDemo,
    webRoot: path.join(root, 'dist', 'web'),
    swaggerDir: fs.existsSync(swaggerDir) ? swaggerDir : undefined,
    version: torgetVersion(),
    readiness: {
      async check() {
        const checks: Record<string, string> = {}
        try {
          await pingDatabase(database.db)
          checks.database = 'ok'
        } catch (error) {
          checks.database = `unreachable: ${(error as Error).message}`
        }
        return { ready: checks.database === 'ok', checks }
      },
    },
  })

  return {
    database,
    queue,
    services,
    servicesAt: (at) => pastServices(at, database),
    servicesInOneTransaction: (at, work) =>
      inOneTransaction(database, (scoped) => work(pastServices(at, scoped))),
    http,
    startWorker: () => worker.start(),
    publishingDrained: () => worker.publishingDrained(),
    async close() {
      await worker.stop()
      await database.close()
    },
  }
}

/** Every network in the registry, built with the one outbound client and the shared budget. */
function defaultAdapters(
  store: Store,
  box: SecretBox,
  outbound: GuardedFetch,
  budget: SharedRateBudget,
  clock: Clock,
  meta: AdapterDeps['meta'],
): Adapters {
  const deps: AdapterDeps = {
    fetch: outbound,
    budget,
    onCredentialsUpdate: persistRefreshedCredentials(store, box),
    practiceBoard: practiceBoard({ store, clock }),
    now: () => clock.now(),
    meta,
  }
  return Object.fromEntries(CHANNEL_MODULES.map((m) => [m.network, m.createAdapter(deps)]))
}

/** The channels built into Torget; they need none of a network's outbound client or budget. */
function builtInAdapters(store: Store, clock: Clock): Adapters {
  const refuse = (): never => {
    throw new Error('a built-in channel makes no outbound request')
  }
  const deps: AdapterDeps = {
    fetch: refuse as unknown as GuardedFetch,
    budget: refuse as unknown as SharedRateBudget,
    onCredentialsUpdate: async () => {},
    practiceBoard: practiceBoard({ store, clock }),
    now: () => clock.now(),
  }
  return Object.fromEntries(
    CHANNEL_MODULES.filter((m) => m.capabilities.builtIn).map((m) => [
      m.network,
      m.createAdapter(deps),
    ]),
  )
}

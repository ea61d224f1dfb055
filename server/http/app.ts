import type { MetaConnectService } from '../services/meta-connect-service.js'
import type { MetaMediaService } from '../services/meta-media-service.js'
import { metaRoutes } from './routes/meta-routes.js'
import { metaWebhookRoutes } from './routes/meta-webhook-routes.js'
import type { MetaWebhookService } from '../services/meta-webhook-service.js'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { Logger } from '../logger.js'
import type { AccessCache } from '../services/access-cache.js'
import type { ApprovalService } from '../services/approval-service.js'
import type { ArchiveService } from '../services/archive/archive-service.js'
import type { ArchiveRequestService } from '../services/archive/request-service.js'
import type { ArchiveExportService } from '../services/archive/export-service.js'
import type { PersonalDataService } from '../services/archive/personal-data-service.js'
import type { ArchiveReportService } from '../services/archive/report-service.js'
import type { WeedingService } from '../services/archive/weeding-service.js'
import type { AuditService } from '../services/audit-service.js'
import type { AuthService } from '../services/auth-service.js'
import type { CalendarService } from '../services/calendar-service.js'
import type { CampaignService } from '../services/campaign-service.js'
import type { ChannelService } from '../services/channel-service.js'
import type { CommentService } from '../services/comment-service.js'
import type { ChannelMixService } from '../services/channel-mix-service.js'
import type { GuidelinePolicySource } from '../services/guideline-policy.js'
import type { EventService } from '../services/event-service.js'
import type { IdeaService } from '../services/idea-service.js'
import type { MastodonOAuthService } from '../services/mastodon-oauth-service.js'
import type { PostService } from '../services/post-service.js'
import type { RecurringSlotService } from '../services/recurring-slot-service.js'
import type { InvitationService } from '../services/invitation-service.js'
import type { LibraryService } from '../services/library-service.js'
import type { MemberService } from '../services/member-service.js'
import type { NotificationService } from '../services/notification-service.js'
import type { PolicyService } from '../services/policy-service.js'
import type { StrategyService } from '../services/strategy-service.js'
import type { CompareService } from '../services/reports/compare-service.js'
import type { GoalService } from '../services/reports/goal-service.js'
import type { ReportService } from '../services/reports/report-service.js'
import type { AppEnv } from './context.js'
import { ValidationFailedError, errorResponse, handleError } from './errors.js'
import { loadMembership } from './library-route.js'
import { requestContext } from './middleware/request-context.js'
import { csrfGuard, loadSession, requireJsonBody } from './middleware/session.js'
import { approvalRoutes } from './routes/approval-routes.js'
import { archiveRequestRoutes } from './routes/archive-request-routes.js'
import { archiveRoutes } from './routes/archive-routes.js'
import { archiveWeedingRoutes } from './routes/archive-weeding-routes.js'
import { personalDataRoutes } from './routes/personal-data-routes.js'
import { auditRoutes } from './routes/audit-routes.js'
import { inboxRoutes } from './routes/inbox-routes.js'
import { inboxSettingsRoutes } from './routes/inbox-settings-routes.js'
import { statsRoutes } from './routes/stats-routes.js'
import type { InboxService } from '../services/inbox/inbox-service.js'
import type { LadderService } from '../services/ladder/ladder-service.js'
import { ladderRoutes } from './routes/ladder-routes.js'
import type { PathService } from '../services/practice/path-service.js'
import { pathRoutes } from './routes/path-routes.js'
import type { InboxSettingsService } from '../services/inbox/inbox-settings-service.js'
import type { ModerationService } from '../services/inbox/moderation-service.js'
import type { ReplyService } from '../services/inbox/reply-service.js'
import type { StatsService } from '../services/stats/stats-service.js'
import type { PostBoostService } from '../services/post-boost-service.js'
import { authRoutes } from './routes/auth-routes.js'
import { calendarRoutes } from './routes/calendar-routes.js'
import { campaignRoutes } from './routes/campaign-routes.js'
import { channelRoutes } from './routes/channel-routes.js'
import { ICS_UPLOAD_PATH, eventRoutes } from './routes/event-routes.js'
import { commentRoutes } from './routes/comment-routes.js'
import { guidelineRoutes } from './routes/guideline-routes.js'
import { IDEA_PHOTO_PATH, ideaRoutes } from './routes/idea-routes.js'
import { strategyRoutes } from './routes/strategy-routes.js'
import { reportRoutes } from './routes/report-routes.js'
import { postRoutes } from './routes/post-routes.js'
import { recurringSlotRoutes } from './routes/recurring-slot-routes.js'
import { invitationRoutes } from './routes/invitation-routes.js'
import { libraryRoutes } from './routes/library-routes.js'
import { notificationRoutes } from './routes/notification-routes.js'
import { type Readiness, systemRoutes } from './routes/system-routes.js'
import { serveWebApp } from './static.js'

export interface HttpDeps {
  logger: Logger
  accessCache: AccessCache
  auth: AuthService
  libraries: LibraryService
  members: MemberService
  invitations: InvitationService
  channels: ChannelService
  mastodonOAuth: MastodonOAuthService
  metaConnect: MetaConnectService
  metaMedia: MetaMediaService
  metaWebhooks: MetaWebhookService
  posts: PostService
  events: EventService
  campaigns: CampaignService
  recurringSlots: RecurringSlotService
  approval: ApprovalService
  comments: CommentService
  notifications: NotificationService
  calendar: CalendarService
  guidelines: GuidelinePolicySource
  channelMix: ChannelMixService
  strategy: StrategyService
  policy: PolicyService
  audit: AuditService
  archive: ArchiveService
  archiveRequests: ArchiveRequestService
  archiveExport: ArchiveExportService
  weeding: WeedingService
  archiveReport: ArchiveReportService
  personalData: PersonalDataService
  inbox: InboxService
  inboxSettings: InboxSettingsService
  replies: ReplyService
  moderation: ModerationService
  stats: StatsService
  boosts: PostBoostService
  reports: ReportService
  compare: CompareService
  goals: GoalService
  ladder: LadderService
  path: PathService
  ideas: IdeaService
  readiness: Readiness
  cookieSecure: boolean
  /** Reverse proxies in front whose X-Forwarded-For entries are believed; 0 for none. */
  trustedProxies: number
  demo: boolean
  webRoot: string
  swaggerDir: string | undefined
  version: string
}

const MAX_BODY_BYTES = 1024 * 1024
const MAX_IMAGE_BYTES = 20 * 1024 * 1024
const isImageUpload = (path: string, method: string) =>
  method === 'POST' && (/\/posts\/[^/]+\/images$/.test(path) || IDEA_PHOTO_PATH.test(path))
// The import's own limit (server/ics): a larger calendar file is refused before it is read.
const MAX_ICS_BYTES = 5 * 1024 * 1024
const isIcsUpload = (path: string, method: string) =>
  method === 'POST' && ICS_UPLOAD_PATH.test(path)
const isRawUpload = (path: string, method: string) =>
  isImageUpload(path, method) || isIcsUpload(path, method)

export function createHttpApp(deps: HttpDeps) {
  const app = new OpenAPIHono<AppEnv>()
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationFailedError(result.error)
    },
  })

  app.use('*', requestContext(deps.logger, { trustedProxies: deps.trustedProxies }))
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // Mantine sets inline style attributes and one <style> for its CSS variables.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'same-origin',
    }),
  )
  app.onError(handleError)

  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => errorResponse(c, 'payload_too_large'),
  })
  const imageLimit = bodyLimit({
    maxSize: MAX_IMAGE_BYTES,
    onError: (c) => errorResponse(c, 'image_too_large'),
  })
  const icsLimit = bodyLimit({
    maxSize: MAX_ICS_BYTES,
    onError: (c) => errorResponse(c, 'ics_too_large'),
  })
  const jsonOnly = requireJsonBody()
  // Images (up to 20 MB) and calendar files (up to 5 MB) are the bodies that are not JSON: posted raw.
  // Reads have no body to limit; asking for it would build a whole fetch Request per read.
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : isImageUpload(c.req.path, c.req.method)
        ? imageLimit(c, next)
        : isIcsUpload(c.req.path, c.req.method)
          ? icsLimit(c, next)
          : jsonLimit(c, next),
  )
  api.use('*', (c, next) => (isRawUpload(c.req.path, c.req.method) ? next() : jsonOnly(c, next)))
  api.use('*', loadSession(deps.accessCache))
  api.use('*', csrfGuard())
  // Nothing inside a library is reachable without membership, whatever the route forgets.
  const membership = loadMembership()
  api.use('/libraries/:libraryId', membership)
  api.use('/libraries/:libraryId/*', membership)

  authRoutes(api, {
    auth: deps.auth,
    cookieSecure: deps.cookieSecure,
    demo: deps.demo,
  })
  libraryRoutes(api, { libraries: deps.libraries, members: deps.members })
  invitationRoutes(api, {
    invitations: deps.invitations,
    auth: deps.auth,
    cookieSecure: deps.cookieSecure,
  })
  channelRoutes(api, { channels: deps.channels, mastodonOAuth: deps.mastodonOAuth })
  metaRoutes(api, { metaConnect: deps.metaConnect, metaMedia: deps.metaMedia })
  metaWebhookRoutes(api, { metaWebhooks: deps.metaWebhooks })
  postRoutes(api, { posts: deps.posts, boosts: deps.boosts })
  eventRoutes(api, { events: deps.events })
  campaignRoutes(api, { campaigns: deps.campaigns })
  recurringSlotRoutes(api, { recurringSlots: deps.recurringSlots })
  approvalRoutes(api, { approval: deps.approval })
  commentRoutes(api, { comments: deps.comments })
  notificationRoutes(api, { notifications: deps.notifications })
  calendarRoutes(api, { calendar: deps.calendar })
  guidelineRoutes(api, { guidelines: deps.guidelines, channelMix: deps.channelMix })
  strategyRoutes(api, { strategy: deps.strategy, policy: deps.policy })
  auditRoutes(api, { audit: deps.audit })
  archiveRoutes(api, { archive: deps.archive, archiveExport: deps.archiveExport })
  archiveWeedingRoutes(api, { weeding: deps.weeding, archiveReport: deps.archiveReport })
  personalDataRoutes(api, { personalData: deps.personalData })
  archiveRequestRoutes(api, { requests: deps.archiveRequests })
  inboxRoutes(api, { inbox: deps.inbox, replies: deps.replies, moderation: deps.moderation })
  inboxSettingsRoutes(api, { settings: deps.inboxSettings })
  statsRoutes(api, { stats: deps.stats })
  reportRoutes(api, { reports: deps.reports, compare: deps.compare, goals: deps.goals })
  ladderRoutes(api, { ladder: deps.ladder })
  pathRoutes(api, { path: deps.path, posts: deps.posts, replies: deps.replies })
  ideaRoutes(api, { ideas: deps.ideas })

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Torget API',
      version: deps.version,
      description:
        "The HTTP API of Torget. Sign in to get a session cookie; send the session's csrfToken as X-CSRF-Token on every write. Errors share one shape with a stable code and a message in the language of Accept-Language (sv or en).",
    },
  })
  api.notFound((c) => errorResponse(c, 'not_found'))
  api.onError(handleError)

  systemRoutes(app, { readiness: deps.readiness, swaggerDir: deps.swaggerDir })
  app.route('/api/v1', api)
  app.all('/api/*', (c) => errorResponse(c, 'not_found'))
  serveWebApp(app, deps.webRoot)
  app.notFound((c) => errorResponse(c, 'not_found'))
  return app
}

import type {
  ArchiveEntriesTable,
  ArchiveHeadsTable,
  ArchiveMediaTable,
  ArchivePositionsTable,
  ArchiveSearchKeysTable,
  ArchiveSearchTable,
  ArchiveSearchTermsTable,
} from './archive.js'
import type {
  ArchiveDecisionEntriesTable,
  ArchiveHoldsTable,
  ArchiveRetentionRulesTable,
  ArchiveSettingsTable,
  ArchiveWeedingDecisionsTable,
  InteractionCountsTable,
} from './archive-weeding.js'
import type {
  ArchiveMasksTable,
  ArchiveReleasesTable,
  ArchiveRequestItemsTable,
  ArchiveRequestsTable,
} from './archive-requests.js'
import type { AuditLogTable } from './audit-log.js'
import type { AuthEventsTable } from './auth-events.js'
import type { CacheGenerationTable } from './cache-generation.js'
import type { CampaignSlotsTable, CampaignsTable } from './campaigns.js'
import type { EventSourcesTable } from './event-sources.js'
import type { EmailConfirmationsTable } from './email-confirmations.js'
import type { EventsTable } from './events.js'
import type { PlanTemplatesTable } from './plan-templates.js'
import type { RecurringSlotsTable } from './recurring-slots.js'
import type { CalendarFeedsTable } from './calendar-feeds.js'
import type { ChannelsTable } from './channels.js'
import type { MastodonAppsTable } from './mastodon-apps.js'
import type { MetaContainersTable, MetaMediaTable } from './meta.js'
import type { PostImagesTable } from './post-images.js'
import type { PostsTable } from './posts.js'
import type { PublicationsTable } from './publications.js'
import type { InvitationsTable } from './invitations.js'
import type { JobsTable } from './jobs.js'
import type { AccountMetricsTable, PostMetricStateTable, PostMetricsTable } from './metrics.js'
import type { AccountMetricStateTable } from './metric-sampling.js'
import type {
  StatsDailyTable,
  StatsGenerationsTable,
  StatsHourlyTable,
  StatsPositionsTable,
  StatsPostDailyTable,
  StatsPostTotalsTable,
} from './stats.js'
import type {
  MonthlyFiguresTable,
  ReportDeliveriesTable,
  ReportRecipientsTable,
  ReportRunsTable,
  StatsConsentTable,
} from './reports.js'
import type {
  AudienceMembersTable,
  LadderActivityTable,
  LadderErasedTable,
  LadderMonthsTable,
  LadderMovementsTable,
  LadderSettingsTable,
} from './ladder.js'
import type { LibrariesTable } from './libraries.js'
import type { MembershipsTable } from './memberships.js'
import type { NotificationsTable } from './notifications.js'
import type { PasswordResetsTable } from './password-resets.js'
import type { PolicyLinksTable } from './policy-links.js'
import type { PolicyReadsTable } from './policy-reads.js'
import type {
  PathInvitationsTable,
  PathRemindersTable,
  PracticeMessagesTable,
  PracticePostsTable,
  PracticeScriptsTable,
} from './practice.js'
import type { PostCommentsTable } from './post-comments.js'
import type { PostEventsTable } from './post-events.js'
import type { SessionsTable } from './sessions.js'
import type { SetupCodesTable } from './setup-codes.js'
import type { SignInThrottlesTable } from './sign-in-throttles.js'
import type { StrategyDraftsTable } from './strategy-drafts.js'
import type { StrategyVersionsTable } from './strategy-versions.js'
import type { UsersTable } from './users.js'
import type {
  ChannelCursorsTable,
  InboxActivityTable,
  InboxItemTagsTable,
  InboxItemsTable,
  InboxNotesTable,
  InboxPresenceTable,
  InboxRulesTable,
  InboxTagsTable,
  IngestEventsTable,
  InteractionsTable,
  ModerationActionsTable,
  RateBudgetBlocksTable,
  RateBudgetSpendsTable,
  SavedRepliesTable,
} from './inbox.js'
import type { IdeaCommentsTable, IdeaPhotosTable, IdeaSupportsTable, IdeasTable } from './ideas.js'

export interface Database {
  archive_entries: ArchiveEntriesTable
  archive_heads: ArchiveHeadsTable
  archive_media: ArchiveMediaTable
  archive_positions: ArchivePositionsTable
  archive_requests: ArchiveRequestsTable
  archive_request_items: ArchiveRequestItemsTable
  archive_masks: ArchiveMasksTable
  archive_releases: ArchiveReleasesTable
  archive_search: ArchiveSearchTable
  archive_search_keys: ArchiveSearchKeysTable
  archive_search_terms: ArchiveSearchTermsTable
  archive_retention_rules: ArchiveRetentionRulesTable
  archive_holds: ArchiveHoldsTable
  archive_weeding_decisions: ArchiveWeedingDecisionsTable
  archive_decision_entries: ArchiveDecisionEntriesTable
  archive_settings: ArchiveSettingsTable
  interaction_counts: InteractionCountsTable
  users: UsersTable
  libraries: LibrariesTable
  memberships: MembershipsTable
  sessions: SessionsTable
  invitations: InvitationsTable
  password_resets: PasswordResetsTable
  auth_events: AuthEventsTable
  channels: ChannelsTable
  posts: PostsTable
  calendar_feeds: CalendarFeedsTable
  post_images: PostImagesTable
  publications: PublicationsTable
  mastodon_apps: MastodonAppsTable
  meta_media: MetaMediaTable
  meta_containers: MetaContainersTable
  strategy_drafts: StrategyDraftsTable
  strategy_versions: StrategyVersionsTable
  policy_reads: PolicyReadsTable
  practice_posts: PracticePostsTable
  practice_messages: PracticeMessagesTable
  practice_scripts: PracticeScriptsTable
  path_invitations: PathInvitationsTable
  path_reminders: PathRemindersTable
  policy_links: PolicyLinksTable
  post_comments: PostCommentsTable
  post_events: PostEventsTable
  notifications: NotificationsTable
  event_sources: EventSourcesTable
  events: EventsTable
  campaigns: CampaignsTable
  campaign_slots: CampaignSlotsTable
  plan_templates: PlanTemplatesTable
  recurring_slots: RecurringSlotsTable
  sign_in_throttles: SignInThrottlesTable
  setup_codes: SetupCodesTable
  email_confirmations: EmailConfirmationsTable
  audit_log: AuditLogTable
  cache_generation: CacheGenerationTable
  interactions: InteractionsTable
  inbox_items: InboxItemsTable
  ingest_events: IngestEventsTable
  channel_cursors: ChannelCursorsTable
  inbox_tags: InboxTagsTable
  inbox_item_tags: InboxItemTagsTable
  inbox_notes: InboxNotesTable
  saved_replies: SavedRepliesTable
  inbox_rules: InboxRulesTable
  inbox_activity: InboxActivityTable
  moderation_actions: ModerationActionsTable
  inbox_presence: InboxPresenceTable
  rate_budget_spends: RateBudgetSpendsTable
  rate_budget_blocks: RateBudgetBlocksTable
  account_metrics: AccountMetricsTable
  post_metrics: PostMetricsTable
  stats_consent: StatsConsentTable
  report_recipients: ReportRecipientsTable
  report_runs: ReportRunsTable
  report_deliveries: ReportDeliveriesTable
  monthly_figures: MonthlyFiguresTable
  post_metric_state: PostMetricStateTable
  account_metric_state: AccountMetricStateTable
  stats_daily: StatsDailyTable
  stats_hourly: StatsHourlyTable
  stats_post_daily: StatsPostDailyTable
  stats_post_totals: StatsPostTotalsTable
  stats_positions: StatsPositionsTable
  stats_generations: StatsGenerationsTable
  ladder_settings: LadderSettingsTable
  audience_members: AudienceMembersTable
  ladder_movements: LadderMovementsTable
  ladder_months: LadderMonthsTable
  ladder_erased: LadderErasedTable
  ladder_activity: LadderActivityTable
  ideas: IdeasTable
  idea_photos: IdeaPhotosTable
  idea_supports: IdeaSupportsTable
  idea_comments: IdeaCommentsTable
  /** SQLite only. */
  jobs: JobsTable
}

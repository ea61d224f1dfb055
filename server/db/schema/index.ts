import type { AuthEventsTable } from './auth-events.js'
import type { ChannelsTable } from './channels.js'
import type { MastodonAppsTable } from './mastodon-apps.js'
import type { PostImagesTable } from './post-images.js'
import type { PostsTable } from './posts.js'
import type { PublicationsTable } from './publications.js'
import type { InvitationsTable } from './invitations.js'
import type { JobsTable } from './jobs.js'
import type { LibrariesTable } from './libraries.js'
import type { MembershipsTable } from './memberships.js'
import type { PasswordResetsTable } from './password-resets.js'
import type { SessionsTable } from './sessions.js'
import type { UsersTable } from './users.js'

export interface Database {
  users: UsersTable
  libraries: LibrariesTable
  memberships: MembershipsTable
  sessions: SessionsTable
  invitations: InvitationsTable
  password_resets: PasswordResetsTable
  auth_events: AuthEventsTable
  channels: ChannelsTable
  posts: PostsTable
  post_images: PostImagesTable
  publications: PublicationsTable
  mastodon_apps: MastodonAppsTable
  /** SQLite only. */
  jobs: JobsTable
}

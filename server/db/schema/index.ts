import type { AuthEventsTable } from './auth-events.js'
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
  /** SQLite only. */
  jobs: JobsTable
}

import type { Generated } from 'kysely'

/** What the library published on Övningskanalen (migration 028). */
export interface PracticePostsTable {
  remote_id: string
  library_id: string
  publication_id: string
  text: string
  images: number
  parent_remote_id: string | null
  created_at: string
  deleted_at: string | null
}

/** What the practice personas did on Övningskanalen. */
export interface PracticeMessagesTable {
  seq: Generated<number>
  id: string
  library_id: string
  kind: string
  lesson: string | null
  persona: string
  persona_name: string
  text: string
  subject_remote_id: string | null
  parent_remote_id: string | null
  created_at: string
  hidden_at: string | null
  blocked_at: string | null
}

/** A practice line the library wrote itself. */
export interface PracticeScriptsTable {
  id: string
  library_id: string
  lesson: string
  persona_name: string
  text: string
  created_by: string
  created_at: string
}

/** Who the Ansvarig invited onto the staff path, and when. */
export interface PathInvitationsTable {
  library_id: string
  user_id: string
  invited_by: string
  invited_at: string
}

/** Each reminder sent about a step of the path: once per member and step (migration 034). */
export interface PathRemindersTable {
  library_id: string
  user_id: string
  step: string
  reminded_at: string
}

import type { Generated } from 'kysely'

/** What another account did with the library's account, as received (migration 016). */
export interface InteractionsTable {
  id: string
  library_id: string
  channel_id: string
  kind: string
  remote_id: string
  author_remote_id: string
  author_handle: string
  author_name: string
  author_url: string
  author_avatar: string | null
  text: string
  original_text: string | null
  url: string
  subject_remote_id: string | null
  parent_remote_id: string | null
  root_remote_id: string | null
  /** JSON: the adapter's ReplyTarget. */
  reply_target: string | null
  remote_created_at: string
  received_at: string
  edited_at: string | null
  remote_deleted_at: string | null
  unavailable_at: string | null
  rechecked_at: string | null
  /** JSON: the RemoteMedia[] the network listed on it; null when none. */
  media: string | null
  /** The remote id as deduplication looks it up (ingest-repo's remoteKey, migration 039). */
  remote_key: string
}

export interface InboxItemsTable {
  id: string
  library_id: string
  channel_id: string
  kind: string
  state: string
  assignee_id: string | null
  flagged: number
  has_question: number
  author_remote_id: string
  search_text: string
  received_at: string
  due_at: string | null
  first_response_at: string | null
  first_responder_id: string | null
  closed_at: string | null
  moderated_at: string | null
  version: number
  updated_at: string
}

export interface IngestEventsTable {
  seq: Generated<number>
  library_id: string
  channel_id: string
  at: string
  interactions: number
  inbox_items: number
  payload: string
}

export interface ChannelCursorsTable {
  channel_id: string
  library_id: string
  cursor: string | null
  next_read_at: string
  last_read_at: string | null
  last_activity_at: string | null
  failures: number
  error_code: string | null
  leased_until: string | null
}

export interface InboxTagsTable {
  id: string
  library_id: string
  name: string
  name_key: string
  position: number
  created_at: string
}

export interface InboxItemTagsTable {
  item_id: string
  tag_id: string
  library_id: string
}

export interface InboxNotesTable {
  id: string
  library_id: string
  item_id: string
  author_id: string | null
  body: string
  created_at: string
}

export interface SavedRepliesTable {
  id: string
  library_id: string
  title: string
  body: string
  updated_by: string | null
  created_at: string
  updated_at: string
}

export interface InboxRulesTable {
  id: string
  library_id: string
  position: number
  definition: string
  updated_by: string | null
  updated_at: string
}

export interface InboxActivityTable {
  seq: Generated<number>
  id: string
  library_id: string
  item_id: string
  action: string
  actor_id: string | null
  rule_id: string | null
  rule_name: string | null
  detail: string
  at: string
  undone_at: string | null
}

export interface ModerationActionsTable {
  id: string
  library_id: string
  item_id: string
  action: string
  reason_category: string
  reason: string
  actor_id: string | null
  actor_name: string
  state: string
  error_code: string | null
  snapshot: string
  created_at: string
  done_at: string | null
}

export interface InboxPresenceTable {
  item_id: string
  user_id: string
  library_id: string
  mode: string
  expires_at: string
}

export interface RateBudgetSpendsTable {
  account: string
  pool: string
  slot: number
  points: number
}

export interface RateBudgetBlocksTable {
  account: string
  pool: string
  until_ms: number
}

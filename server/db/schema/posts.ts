import type { Generated } from 'kysely'

export interface PostsTable {
  id: string
  library_id: string
  author_id: string
  text: string
  /** JSON: { [channelId]: text } where a channel's text differs from the main text. */
  variants: string
  /** BCP 47 tag of the language it is written in (core/languages.ts); the library's by default. */
  language: Generated<string>
  state: string
  scheduled_at: string | null
  /** Bumped on every change: a write based on an older version is refused, not silently applied. */
  version: number
  /** The day and time it is planned for, before it is scheduled; the calendar shows drafts here. */
  planned_at: string | null
  /** Who is to write or finish it (a campaign slot's owner, the week's turn). */
  assignee_id: string | null
  /** A target group id from the library's policy. */
  audience: string | null
  /** JSON array of short free tags; '[]' unless given. */
  tags: Generated<string>
  campaign_id: string | null
  /** First publication, else scheduled, else planned time: kept by triggers (migration 009). */
  calendar_at: Generated<string | null>
  /** Who approved the current content, and when; cleared when the content changes. */
  approved_by: string | null
  approved_at: string | null
  /** Set on an answer from the inbox: the item it is threaded under; such posts stay out of the calendar. */
  reply_to_item_id: Generated<string | null>
  /** 1: the library paid to spread it (a boost); the statistics count it as paid, not owned. */
  paid_boost: Generated<number>
  created_at: string
  updated_at: string
}

import type { Generated } from 'kysely'

export interface LibrariesTable {
  id: string
  name: string
  time_zone: string
  locale: string
  /** 1: a post's author may not approve it; someone else must. */
  require_second_approver: Generated<number>
  /** 1: answers from the inbox go through approval like posts. */
  replies_need_approval: Generated<number>
  created_at: string
}

import type { Generated } from 'kysely'

export interface UsersTable {
  id: string
  email: string
  name: string
  password_hash: string
  locale: string
  is_instance_admin: number
  /** 1: a daily e-mail with unread notifications (when SMTP is set). */
  daily_digest: Generated<number>
  created_at: string
  updated_at: string
}

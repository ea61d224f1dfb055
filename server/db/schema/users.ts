export interface UsersTable {
  id: string
  email: string
  name: string
  password_hash: string
  locale: string
  is_instance_admin: number
  created_at: string
  updated_at: string
}

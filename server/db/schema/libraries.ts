export interface LibrariesTable {
  id: string
  name: string
  time_zone: string
  locale: string
  created_at: string
}

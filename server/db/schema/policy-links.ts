export interface PolicyLinksTable {
  library_id: string
  /** Random and unguessable: the public page's address; a new one each time the page is turned on. */
  token: string
  /** 0 or 1. */
  enabled: number
  updated_at: string
}

export interface PolicyLinksTable {
  library_id: string
  /** Random and unguessable: the public page's address, kept when the page is turned off and on. */
  token: string
  /** 0 or 1. */
  enabled: number
  updated_at: string
}

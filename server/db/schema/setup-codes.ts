/** The one-time code first-time setup asks for; one row (`id = 'instance'`), deleted by setup. */
export interface SetupCodesTable {
  id: string
  code: string
  created_at: string
}

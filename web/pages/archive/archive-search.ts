import type { ArchiveEntryKind } from '../../../core/archive/entry.js'

/**
 * The archive's address keeps the search, so a colleague sent the link sees
 * the same results (?fran=2026-05-01&till=2026-05-31&sok=sagostund), and the
 * request being collected for (?begaran=…).
 */
export interface ArchiveSearch {
  fran?: string
  till?: string
  kanal?: string
  typ?: ArchiveEntryKind
  person?: string
  sok?: string
  begaran?: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const ID = /^[\w-]{1,64}$/

export function validateArchiveSearch(search: Record<string, unknown>): ArchiveSearch {
  // The router reads ?sok=123 as a number: a search may be digits alone.
  const text = (value: unknown) =>
    typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
  const out: ArchiveSearch = {}
  const fran = text(search.fran)
  if (DATE.test(fran)) out.fran = fran
  const till = text(search.till)
  if (DATE.test(till)) out.till = till
  const kanal = text(search.kanal)
  if (ID.test(kanal)) out.kanal = kanal
  // Checked by the server, which names an unknown type; the list stays out of the first bundle.
  const typ = text(search.typ)
  if (/^[a-z_]{1,40}$/.test(typ)) out.typ = typ as ArchiveEntryKind
  const person = text(search.person).slice(0, 300)
  if (person) out.person = person
  const sok = text(search.sok).slice(0, 200)
  if (sok) out.sok = sok
  const begaran = text(search.begaran)
  if (ID.test(begaran)) out.begaran = begaran
  return out
}

/** Only the request being collected for, carried from page to page. */
export function validateRequestSearch(search: Record<string, unknown>): { begaran?: string } {
  const begaran = validateArchiveSearch(search).begaran
  return begaran ? { begaran } : {}
}

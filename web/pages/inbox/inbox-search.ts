/**
 * The inbox's address keeps the filters and the open item, so a colleague
 * sent the link sees the same (?lage=open&tilldelad=me&arende=…).
 */
export interface InboxSearch {
  kanal?: string
  lage?: 'new' | 'assigned' | 'answered' | 'done' | 'open'
  tagg?: string
  /** 'me', 'none' or a member's id. */
  tilldelad?: string
  fraga?: 'ja' | 'nej'
  flaggad?: 'ja'
  sok?: string
  /** The open item. */
  arende?: string
}

const STATES = ['new', 'assigned', 'answered', 'done', 'open'] as const
const ID = /^[\w-]{1,64}$/

export function validateInboxSearch(search: Record<string, unknown>): InboxSearch {
  const out: InboxSearch = {}
  // The router reads ?sok=123 as a number: a search or an id may be digits alone.
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
  const id = (value: unknown) => {
    const v = text(value)
    return v !== undefined && ID.test(v) ? v : undefined
  }
  const kanal = id(search.kanal)
  if (kanal) out.kanal = kanal
  if ((STATES as readonly unknown[]).includes(search.lage))
    out.lage = search.lage as InboxSearch['lage']
  const tagg = id(search.tagg)
  if (tagg) out.tagg = tagg
  const tilldelad = id(search.tilldelad)
  if (tilldelad) out.tilldelad = tilldelad
  if (search.fraga === 'ja' || search.fraga === 'nej') out.fraga = search.fraga
  if (search.flaggad === 'ja') out.flaggad = 'ja'
  const sok = text(search.sok)?.trim()
  if (sok) out.sok = sok.slice(0, 200)
  const arende = id(search.arende)
  if (arende) out.arende = arende
  return out
}

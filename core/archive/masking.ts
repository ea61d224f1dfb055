import type { ArchiveContent, ArchiveEntry, ArchivePerson } from './entry.js'

/**
 * Masking for a release of public records (utlämnande): parts of an entry
 * covered by secrecy under offentlighets- och sekretesslagen (OSL) are
 * replaced in the released copy by a note naming the ground. The archived
 * entry itself is never changed; masks live beside it, per request.
 */
export const MASK_FIELDS = ['text', 'note', 'author', 'alt'] as const
export type MaskField = (typeof MASK_FIELDS)[number]

export interface MaskRange {
  start: number
  end: number
}

export interface EntryMask {
  id: string
  entryId: string
  field: MaskField
  /** For `alt`: which image. */
  mediaIndex: number | null
  /** Parts of the field (UTF-16 offsets); null masks the whole field. */
  ranges: MaskRange[] | null
  /** The legal ground, e.g. "OSL 26 kap. 1 §". */
  ground: string
}

export const MASK_MARKER = {
  sv: (ground: string) => `[maskerat enligt ${ground}]`,
  en: (ground: string) => `[masked under ${ground}]`,
} as const
export type MarkerLocale = keyof typeof MASK_MARKER

/** The text of a field, or null when the entry has no such field (or was weeded). */
export function maskableText(
  content: ArchiveContent | null,
  field: MaskField,
  mediaIndex: number | null,
): string | null {
  if (!content) return null
  switch (field) {
    case 'text':
      return 'text' in content ? content.text : null
    case 'note':
      return content.kind === 'moderation' ? content.note : null
    case 'alt':
      return 'media' in content && mediaIndex !== null
        ? (content.media[mediaIndex]?.alt ?? null)
        : null
    case 'author':
      return content.kind === 'item_received' ? content.author.name : null
  }
}

/** Whether a mask fits the entry: the field exists and every range lies inside it. */
export function maskFits(
  entry: Pick<ArchiveEntry, 'content' | 'person'>,
  mask: Pick<EntryMask, 'field' | 'mediaIndex' | 'ranges'>,
): boolean {
  if (mask.field === 'author') return entry.person !== null && mask.ranges === null
  const text = maskableText(entry.content, mask.field, mask.mediaIndex)
  if (text === null) return false
  return (mask.ranges ?? []).every((r) => r.start >= 0 && r.start < r.end && r.end <= text.length)
}

/** A text with the given masks' ranges replaced by their markers; overlapping ranges join. */
export function maskText(
  text: string,
  masks: readonly Pick<EntryMask, 'ranges' | 'ground'>[],
  locale: MarkerLocale,
): string {
  const whole = masks.find((m) => m.ranges === null)
  if (whole) return MASK_MARKER[locale](whole.ground)
  const spans = masks
    .flatMap((m) => (m.ranges ?? []).map((r) => ({ ...r, ground: m.ground })))
    .sort((a, b) => a.start - b.start || b.end - a.end)
  let out = ''
  let at = 0
  for (const span of spans) {
    if (span.end <= at) continue
    out += text.slice(at, Math.max(at, span.start))
    // Joined spans name the first span's ground; one marker per hidden stretch.
    if (span.start >= at) out += MASK_MARKER[locale](span.ground)
    at = span.end
  }
  return out + text.slice(at)
}

/**
 * The masks that apply to an entry in a release: its own, and an author mask
 * set on any entry of the same person, since a name hidden in the reply must
 * not show in its edit or moderation beside it.
 */
export function effectiveMasks<M extends EntryMask>(
  entry: Pick<ArchiveEntry, 'id' | 'person'>,
  masks: readonly M[],
  personOf: (entryId: string) => string | null | undefined,
): M[] {
  const own = masks.filter((m) => m.entryId === entry.id)
  const remoteId = entry.person?.remoteId
  if (!remoteId || own.some((m) => m.field === 'author')) return own
  const shared = masks.find(
    (m) => m.field === 'author' && m.entryId !== entry.id && personOf(m.entryId) === remoteId,
  )
  return shared ? [...own, shared] : own
}

export interface MaskedEntry {
  content: ArchiveContent | null
  person: ArchivePerson | null
  url: string | null
  remoteId: string | null
}

/**
 * The entry as released under the masks. Masking the author hides the name,
 * handle and network id, and with them the link and remote id, which name the
 * account too.
 */
export function applyMasks(
  entry: Pick<ArchiveEntry, 'content' | 'person' | 'url' | 'remoteId'>,
  masks: readonly EntryMask[],
  locale: MarkerLocale,
): MaskedEntry {
  if (masks.length === 0) return entry
  const of = (field: MaskField, mediaIndex: number | null = null) =>
    masks.filter((m) => m.field === field && (field !== 'alt' || m.mediaIndex === mediaIndex))
  const author = of('author')[0]
  const hidden = author ? MASK_MARKER[locale](author.ground) : null
  const person =
    entry.person && hidden ? { remoteId: hidden, handle: hidden, name: hidden } : entry.person
  let content = entry.content
  if (content) {
    const c: Record<string, unknown> = { ...content }
    if ('text' in content && of('text').length) c.text = maskText(content.text, of('text'), locale)
    if (content.kind === 'moderation' && of('note').length)
      c.note = maskText(content.note, of('note'), locale)
    if ('media' in content)
      c.media = content.media.map((m, i) =>
        of('alt', i).length ? { ...m, alt: maskText(m.alt, of('alt', i), locale) } : m,
      )
    if (content.kind === 'item_received' && hidden)
      c.author = { remoteId: hidden, handle: hidden, name: hidden }
    content = c as ArchiveContent
  }
  return {
    content,
    person,
    url: hidden ? null : entry.url,
    remoteId: hidden ? null : entry.remoteId,
  }
}

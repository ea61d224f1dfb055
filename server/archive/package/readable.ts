import type { ArchiveEntry, ArchiveContent } from '../../../core/archive/entry.js'
import { policyPlainText } from '../../../core/strategy/policy-outline.js'
import { utcToZoned } from '../../../core/time/zoned.js'

/*
 * The readable rendition: each entry as a block of plain UTF-8 text, one file
 * per month of occurrence in the library's time zone (a reader looks for
 * "March" as the library lived it, not as UTC cut it). Plain text needs no viewer, keeps every
 * script as written, and is accepted by archives as a long-term format;
 * the JSON beside it is the record itself. The same blocks go into the
 * month's PDF/A (readable-pdf.ts).
 */
const KIND_LABELS: Record<ArchiveEntry['kind'], string> = {
  post_published: 'Inlägg publicerat',
  item_received: 'Inkommet (svar, omnämnande, kommentar)',
  item_edited: 'Inkommet ändrat på nätverket',
  item_deleted: 'Inkommet borttaget på nätverket',
  item_unavailable: 'Inkommet inte längre tillgängligt',
  moderation: 'Moderering',
  moderation_undone: 'Moderering ångrad',
  policy_version: 'Policyversion',
}

/**
 * Drawing a PDF costs a few milliseconds of CPU per entry (shaping every word in the
 * embedded fonts), where the rest of the package costs well under one: a package of up
 * to this many entries gets PDF/A beside its text files; a larger one the text only,
 * and a period exported in parts (a quarter, a month) gets them.
 */
export const READABLE_PDF_MAX_ENTRIES = 10_000

/** Entries per PDF: a document's structure is held until it ends, so a busy month is cut in parts. */
export const ENTRIES_PER_PDF = 1000

/** The part's file name under readable/: the month, and which part when there are several. */
export function readablePdfName(month: string, part: number, parts: number): string {
  return parts === 1 ? `${month}.pdf` : `${month}-${String(part).padStart(3, '0')}.pdf`
}

/** Control characters (other than line breaks and tabs) are shown as U+FFFD, never written raw. */
function clean(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\p{Cc}\u2028\u2029]/gu, (c) => (c === '\n' || c === '\t' ? c : '\uFFFD'))
}

/** The entry's local date and time, or null when its time cannot be read. */
function local(entry: ArchiveEntry, timeZone: string) {
  if (Number.isNaN(Date.parse(entry.occurredAt))) return null
  try {
    return utcToZoned(entry.occurredAt, timeZone)
  } catch {
    return utcToZoned(entry.occurredAt, 'UTC')
  }
}

export function monthOf(entry: ArchiveEntry, timeZone = 'UTC'): string {
  return local(entry, timeZone)?.date.slice(0, 7) ?? 'okand-tid'
}

/**
 * An entry as the reader sees it: a heading line, lines about it, the text it
 * holds (a post's, an item's, a policy's), and lines after the text.
 */
export interface EntryBlock {
  heading: string
  about: string[]
  text: string | null
  after: string[]
}

export function entryBlock(entry: ArchiveEntry, file: string, timeZone = 'UTC'): EntryBlock {
  const at = local(entry, timeZone)
  const when = at ? `${at.date} ${at.time} ${timeZone} (${entry.occurredAt})` : entry.occurredAt
  const heading = `#${entry.seq} · ${when} · ${KIND_LABELS[entry.kind]} (${entry.recordClass === 'inkommen' ? 'inkommen' : 'upprättad'})`
  const about: string[] = []
  if (entry.network)
    about.push(`Kanal: ${entry.network}${entry.channelId ? ` (${entry.channelId})` : ''}`)
  if (entry.url) about.push(`Länk: ${entry.url}`)
  if (entry.person) about.push(`Person: ${entry.person.name} (@${entry.person.handle})`)
  if (entry.refersTo) about.push(`Avser post: ${entry.refersTo}`)
  const described: Described = entry.content
    ? describe(entry.content)
    : {
        about: [
          `Gallrad${entry.weededBy ? ` genom beslut ${entry.weededBy}` : ''}: innehållet finns inte kvar, hasharna gör det.`,
        ],
      }
  return {
    heading: clean(heading),
    about: [...about, ...described.about].map(clean),
    text: described.text === undefined ? null : clean(described.text),
    after: [
      ...(described.after ?? []),
      `Fil: ${file}`,
      `Fångad: ${entry.capturedAt}`,
      `Hash: ${entry.hash}`,
    ].map(clean),
  }
}

export function renderEntry(entry: ArchiveEntry, file: string, timeZone = 'UTC'): string {
  const { heading, about, text, after } = entryBlock(entry, file, timeZone)
  return [heading, ...about, ...(text === null ? [] : ['', text]), ...after, '', ''].join('\n')
}

interface Described {
  about: string[]
  text?: string
  after?: string[]
}

function describe(content: ArchiveContent): Described {
  const by = (m: { name: string } | null) => m?.name ?? '–'
  switch (content.kind) {
    case 'post_published':
      return {
        about: [
          `Skrivet av: ${by(content.writtenBy)} · Godkänt av: ${content.approvedBy.map((a) => a.name).join(', ') || '–'} · Publicerat av: ${by(content.publishedBy)}`,
        ],
        text: content.text,
        after: media(content.media),
      }
    case 'item_received':
      return {
        about: [`Från: ${content.author.name} (@${content.author.handle})`],
        text: content.text,
        after: [
          ...media(content.media),
          ...(content.missingMedia ?? []).map(
            (m) =>
              `Bifogad fil som inte kunde sparas (${MISSING[m.reason]}): ${m.sourceUrl}, ${m.alt || '(ingen beskrivning)'}`,
          ),
        ],
      }
    case 'item_edited':
      return { about: ['Ny text:'], text: content.text }
    case 'item_deleted':
    case 'item_unavailable':
      return { about: [] }
    case 'moderation':
      return {
        about: [`Åtgärd: ${content.action} · Grund: ${content.reason} · Av: ${by(content.by)}`],
        after: [content.note],
      }
    case 'moderation_undone':
      return { about: [`Åtgärd ${content.actionId} ångrad av ${by(content.by)}`] }
    case 'policy_version':
      return {
        about: [`Version ${content.version} · Godkänd av: ${by(content.approvedBy)}`],
        // The JSON beside it is the record; the readable rendition reads as the policy did.
        text: policyPlainText(content.text, 'sv'),
      }
  }
}

const MISSING = {
  unreachable: 'gick inte att hämta',
  too_large: 'större än 40 MB',
  not_a_file: 'strömmad video, inte en fil',
  refused: 'adressen är inte tillåten',
} as const

function media(list: { sha256: string; mimeType: string; alt: string }[]): string[] {
  return list.map((m) => {
    const kind = m.mimeType.startsWith('video/')
      ? 'Video'
      : m.mimeType.startsWith('audio/')
        ? 'Ljud'
        : 'Bild'
    return `${kind} ${m.sha256}: ${m.alt || '(ingen alt-text)'}`
  })
}

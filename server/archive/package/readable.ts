import type { ArchiveEntry, ArchiveContent } from '../../../core/archive/entry.js'
import { utcToZoned } from '../../../core/time/zoned.js'

/*
 * The readable rendition: each entry as a block of plain UTF-8 text, one file
 * per month of occurrence in the library's time zone (a reader looks for
 * "March" as the library lived it, not as UTC cut it). Plain text needs no viewer, keeps every
 * script as written, and is accepted by archives as a long-term format;
 * the JSON beside it is the record itself.
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

export function renderEntry(entry: ArchiveEntry, file: string, timeZone = 'UTC'): string {
  const at = local(entry, timeZone)
  const when = at ? `${at.date} ${at.time} ${timeZone} (${entry.occurredAt})` : entry.occurredAt
  const lines = [
    `#${entry.seq} · ${when} · ${KIND_LABELS[entry.kind]} (${entry.recordClass === 'inkommen' ? 'inkommen' : 'upprättad'})`,
  ]
  if (entry.network)
    lines.push(`Kanal: ${entry.network}${entry.channelId ? ` (${entry.channelId})` : ''}`)
  if (entry.url) lines.push(`Länk: ${entry.url}`)
  if (entry.person) lines.push(`Person: ${entry.person.name} (@${entry.person.handle})`)
  if (entry.refersTo) lines.push(`Avser post: ${entry.refersTo}`)
  if (entry.content) lines.push(...describe(entry.content))
  else
    lines.push(
      `Gallrad${entry.weededBy ? ` genom beslut ${entry.weededBy}` : ''}: innehållet finns inte kvar, hasharna gör det.`,
    )
  lines.push(`Fil: ${file}`, `Fångad: ${entry.capturedAt}`, `Hash: ${entry.hash}`, '', '')
  return clean(lines.join('\n'))
}

function describe(content: ArchiveContent): string[] {
  const by = (m: { name: string } | null) => m?.name ?? '–'
  switch (content.kind) {
    case 'post_published':
      return [
        `Skrivet av: ${by(content.writtenBy)} · Godkänt av: ${content.approvedBy.map((a) => a.name).join(', ') || '–'} · Publicerat av: ${by(content.publishedBy)}`,
        '',
        content.text,
        ...media(content.media),
      ]
    case 'item_received':
      return [
        `Från: ${content.author.name} (@${content.author.handle})`,
        '',
        content.text,
        ...media(content.media),
        ...(content.missingMedia ?? []).map(
          (m) =>
            `Bifogad fil som inte kunde sparas (${MISSING[m.reason]}): ${m.sourceUrl}, ${m.alt || '(ingen beskrivning)'}`,
        ),
      ]
    case 'item_edited':
      return ['Ny text:', '', content.text]
    case 'item_deleted':
    case 'item_unavailable':
      return []
    case 'moderation':
      return [
        `Åtgärd: ${content.action} · Grund: ${content.reason} · Av: ${by(content.by)}`,
        content.note,
      ]
    case 'moderation_undone':
      return [`Åtgärd ${content.actionId} ångrad av ${by(content.by)}`]
    case 'policy_version':
      return [
        `Version ${content.version} · Godkänd av: ${by(content.approvedBy)}`,
        '',
        content.text,
      ]
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

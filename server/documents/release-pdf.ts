import type { ArchiveEntryKind } from '../../core/archive/entry.js'
import { moderationReasonLabel } from '../../core/inbox/moderation-reasons.js'
import type { ReleaseMeta, ReleasedEntry } from '../services/archive/release-document.js'
import { span, startPdf } from './pdf-writer.js'

/*
 * Public records as released (utlämnande): one readable PDF of the entries,
 * masked where the secrecy review said so, each with its archive hash, drawn
 * with the same fonts and line breaking as the policy PDF.
 */

type L = 'sv' | 'en'

const LABELS = {
  sv: {
    title: 'Utlämnade allmänna handlingar',
    diarienummer: 'Diarienummer',
    received: 'Begäran inkom',
    released: 'Utlämnat',
    by: 'av',
    doneBy: 'Av',
    count: (n: number) => `${n} ${n === 1 ? 'handling' : 'handlingar'}`,
    upprattad: 'Upprättad',
    inkommen: 'Inkommen',
    author: 'Från',
    writtenBy: 'Skriven av',
    publishedBy: 'Publicerad av',
    image: 'Bild, alternativtext',
    link: 'Länk',
    action: 'Åtgärd',
    reason: 'Skäl',
    note: 'Anteckning',
    masked: 'Maskerat enligt',
    hash: 'Kontrollsumma (SHA-256)',
    weeded: 'Innehållet är gallrat enligt beslut.',
    check:
      'Kontrollsummorna är arkivets. Den som vill kontrollera handlingarna kan få samma utlämnande som JSON.',
  },
  en: {
    title: 'Public records released',
    diarienummer: 'Registry number',
    received: 'Request received',
    released: 'Released',
    by: 'by',
    doneBy: 'By',
    count: (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`,
    upprattad: 'Drawn up',
    inkommen: 'Received',
    author: 'From',
    writtenBy: 'Written by',
    publishedBy: 'Published by',
    image: 'Image, alt text',
    link: 'Link',
    action: 'Action',
    reason: 'Reason',
    note: 'Note',
    masked: 'Masked under',
    hash: 'Checksum (SHA-256)',
    weeded: 'The content was weeded under a decision.',
    check:
      'The checksums are the archive’s. The same release as JSON lets anyone check the records.',
  },
} as const

const KINDS: Record<ArchiveEntryKind, Record<L, string>> = {
  post_published: { sv: 'Publicerat inlägg', en: 'Published post' },
  item_received: { sv: 'Mottaget inlägg', en: 'Received item' },
  item_edited: { sv: 'Ändrat på nätverket', en: 'Edited on the network' },
  item_deleted: { sv: 'Raderat på nätverket', en: 'Deleted on the network' },
  item_unavailable: { sv: 'Inte längre synligt', en: 'No longer visible' },
  moderation: { sv: 'Moderering', en: 'Moderation' },
  moderation_undone: { sv: 'Moderering ångrad', en: 'Moderation undone' },
  policy_version: { sv: 'Policyversion', en: 'Policy version' },
}

function when(iso: string, locale: L, zone: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso))
}

export async function renderReleasePdf(
  meta: ReleaseMeta & { timeZone: string },
  entries: readonly ReleasedEntry[],
): Promise<Uint8Array> {
  const locale = meta.locale
  const t = LABELS[locale]
  const title = `${t.title} – ${meta.request.diarienummer}`
  const { out, bytes } = startPdf({ title, lang: locale === 'sv' ? 'sv-SE' : 'en-GB' })
  const small = { size: 10, color: '#333333', after: 0.2 }
  const body = { size: 11, after: 0.3 }

  out.paragraph([span(t.title, 'bold')], { role: 'H1', size: 20, after: 0.3 })
  out.paragraph([span(meta.library.name)], { size: 12, after: 0.3 })
  out.paragraph([span(`${t.diarienummer}: `, 'bold'), span(meta.request.diarienummer)], small)
  out.paragraph(
    [span(`${t.received}: `, 'bold'), span(when(meta.request.receivedAt, locale, meta.timeZone))],
    small,
  )
  out.paragraph(
    [
      span(`${t.released}: `, 'bold'),
      span(`${when(meta.releasedAt, locale, meta.timeZone)} ${t.by} ${meta.releasedBy}`),
    ],
    small,
  )
  if (meta.request.description) out.paragraph([span(meta.request.description, 'italic')], small)
  out.paragraph([span(`${t.count(entries.length)}. ${t.check}`)], { ...small, after: 1 })

  entries.forEach((entry, i) => {
    const c = entry.content
    const head = [
      `${i + 1}.`,
      entry.recordClass === 'inkommen' ? t.inkommen : t.upprattad,
      '–',
      KINDS[entry.kind][locale],
      entry.network ? `· ${entry.network}` : '',
      `· ${when(entry.occurredAt, locale, meta.timeZone)}`,
    ]
    out.space(0.5, 11)
    out.paragraph([span(head.filter(Boolean).join(' '), 'bold')], {
      role: 'H2',
      size: 13,
      after: 0.3,
    })
    if (entry.person)
      out.paragraph(
        [span(`${t.author}: `, 'bold'), span(`${entry.person.name} (@${entry.person.handle})`)],
        small,
      )
    if (!c) out.paragraph([span(t.weeded, 'italic')], body)
    else {
      if (c.kind === 'post_published') {
        if (c.writtenBy)
          out.paragraph([span(`${t.writtenBy}: `, 'bold'), span(c.writtenBy.name)], small)
        if (c.publishedBy)
          out.paragraph([span(`${t.publishedBy}: `, 'bold'), span(c.publishedBy.name)], small)
      }
      if (c.kind === 'moderation') {
        out.paragraph([span(`${t.action}: `, 'bold'), span(c.action)], small)
        out.paragraph(
          [span(`${t.reason}: `, 'bold'), span(moderationReasonLabel(c.reason, locale))],
          small,
        )
        if (c.by) out.paragraph([span(`${t.doneBy}: `, 'bold'), span(c.by.name)], small)
        if (c.note) out.paragraph([span(`${t.note}: `, 'bold'), span(c.note)], small)
      }
      if ('text' in c && c.text) out.paragraph([span(c.text)], body)
      if ('media' in c)
        for (const m of c.media) out.paragraph([span(`${t.image}: `, 'bold'), span(m.alt)], small)
    }
    if (entry.url) out.paragraph([span(`${t.link}: `, 'bold'), span(entry.url)], small)
    for (const ground of new Set(entry.masks.map((m) => m.ground)))
      out.paragraph([span(`${t.masked} ${ground}`, 'italic')], small)
    out.paragraph([span(`${t.hash}: `, 'bold'), span(entry.contentHash)], {
      size: 8,
      color: '#555555',
      after: 0.4,
    })
  })
  out.finish()
  return bytes
}

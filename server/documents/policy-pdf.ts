import type { Locale } from '../../core/locale.js'
import type { StrategyDocument } from '../../core/schemas/strategy.js'
import {
  type PolicyBlock,
  type PolicyMeta,
  policyMetaLine,
  policyOutline,
  policyTitle,
} from '../../core/strategy/policy-outline.js'
import { type Writer, span, startPdf } from './pdf-writer.js'

/*
 * The policy as a PDF with embedded open fonts (Noto Sans, Vazirmatn), so a
 * library's text in Swedish, Ukrainian, Arabic or Persian is drawn as
 * written, right-to-left lines in their order. Only what no font has (emoji)
 * is left out; the Markdown export keeps everything.
 */

export async function renderPolicyPdf(
  doc: StrategyDocument,
  meta: PolicyMeta,
  locale: Locale,
  options: { compress?: boolean } = {},
): Promise<Uint8Array> {
  const title = policyTitle(meta, locale)
  const { out, bytes } = startPdf({
    title,
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    ...(options.compress !== undefined && { compress: options.compress }),
  })
  out.paragraph([span(title, 'bold')], { role: 'H1', size: 20, after: 0.3 })
  out.paragraph([span(policyMetaLine(meta, locale), 'italic')], { size: 10, color: '#444444' })
  for (const section of policyOutline(doc, locale)) {
    out.space(1, 11)
    out.paragraph([span(section.title, 'bold')], { role: 'H2', size: 14, after: 0.3 })
    for (const block of section.blocks) drawBlock(out, block)
  }
  out.finish()
  return bytes
}

const BULLET_INDENT = 14

function drawBlock(out: Writer, block: PolicyBlock) {
  switch (block.kind) {
    case 'subheading':
      out.space(0.4, 12)
      out.paragraph([span(block.text, 'bold')], { role: 'H3', size: 12, after: 0.2 })
      return
    case 'paragraph':
      out.paragraph([span(block.text)], { size: 11, after: 0.4 })
      return
    case 'list':
      for (const item of block.items)
        out.paragraph([span(item)], { size: 11, after: 0.2, indent: BULLET_INDENT, bullet: true })
      out.space(0.3, 11)
      return
    case 'terms':
      for (const item of block.items)
        out.paragraph([span(`${item.term}: `, 'bold'), span(item.text)], { size: 11, after: 0.3 })
      out.space(0.3, 11)
      return
  }
}

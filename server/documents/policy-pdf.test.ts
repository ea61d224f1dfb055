import { describe, expect, it } from 'vitest'
import { starterStrategy } from '../../core/strategy/starter.js'
import { renderPolicyPdf, winAnsiText } from './policy-pdf.js'

/** The text drawn on the pages: pdfkit writes it as hex strings in WinAnsi (windows-1252). */
function drawnText(pdf: Uint8Array): string {
  const winAnsi = new TextDecoder('windows-1252')
  return [
    ...Buffer.from(pdf)
      .toString('latin1')
      .matchAll(/<([0-9a-f]+)>/g),
  ]
    .map(([, hex]) => winAnsi.decode(Buffer.from(hex!, 'hex')))
    .join('')
}

describe('the policy as PDF', () => {
  it('keeps Swedish letters and typographic marks, and leaves out what the font cannot draw', () => {
    expect(winAnsiText('Åsa läser ”Röda rummet” – 📚 av Dvořák')).toBe(
      'Åsa läser ”Röda rummet” – av Dvorák',
    )
    expect(winAnsiText('👨‍👩‍👧 Familjedag')).toBe(' Familjedag')
  })

  it('draws the sections with å, ä and ö', async () => {
    const document = starterStrategy()
    document.why.mission = 'Vi når fler människor på Öland 🎉 och i Västerås.'
    const pdf = await renderPolicyPdf(
      document,
      {
        libraryName: 'Västerås stadsbibliotek',
        versionNumber: 3,
        approvedAt: '2026-05-06T10:00:00Z',
      },
      'sv',
      { compress: false },
    )
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-')
    const text = drawnText(pdf)
    expect(text).toContain('Policy för sociala medier – Västerås stadsbibliotek')
    expect(text).toContain('Varför vi finns på sociala medier')
    expect(text).toContain('Vi når fler människor på Öland och i Västerås.')
    expect(text).toContain('Ton och tilltal')
  })
})

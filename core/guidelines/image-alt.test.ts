import { describe, expect, it } from 'vitest'
import { check, of } from './testing.js'

const images = (...alts: string[]) => alts.map((alt) => ({ alt }))

describe('image alt text', () => {
  it('blocks an image without alt text and names which one', () => {
    const findings = of(
      check('Ny utställning!', { images: images('Tre tavlor i trapphallen.', '  ') }),
      'image-alt',
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ kind: 'missing', severity: 'block', image: 1 })
    expect(findings[0]!.message).toBe('Bild 2 saknar alt-text')
  })

  it.each([
    'IMG_2041.jpg',
    'DSC0001',
    'bild',
    'Bild.',
    'image',
    'foto.png',
    'Skärmavbild 2025-03-04 kl. 10.12.33',
    '123',
  ])('warns when the alt text "%s" does not describe the image', (alt) => {
    const [finding] = of(check('Ny utställning!', { images: images(alt) }), 'image-alt')
    expect(finding).toMatchObject({ kind: 'weak', severity: 'warn', image: 0 })
  })

  it.each([
    'Bild på en hylla med deckare.',
    'Foto från sagostunden: barn på kuddar.',
    'Logotyp för Exempelbiblioteket',
  ])('accepts a real description: "%s"', (alt) => {
    expect(of(check('Ny utställning!', { images: images(alt) }), 'image-alt')).toEqual([])
  })
})

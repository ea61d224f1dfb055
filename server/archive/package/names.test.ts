import { describe, expect, it } from 'vitest'
import { parseXml } from '../../test/xml-tree.js'
import { entryFileName, mediaFileName, packageId, safeName } from './names.js'
import { attrs, esc } from './xml.js'

describe('names in the package', () => {
  it('turns any name into a safe ASCII folder name', () => {
    expect(safeName('Malmö stadsbibliotek')).toBe('Malmo-stadsbibliotek')
    expect(safeName('../../etc/passwd')).toBe('etc-passwd')
    expect(safeName('a/b\\c\u0000d\u001fe\u202Ef')).toBe('a-b-c-d-e-f')
    expect(safeName('Åre  ✨ bibliotek 📚')).toBe('Are-bibliotek')
    expect(safeName('..')).toBe('x')
  })

  it('falls back to the library id when nothing of the name is left', () => {
    const id = packageId(
      { id: 'lib_01H', name: 'مكتبة المدينة' },
      '2025-01-01',
      '2025-12-31T23:59:59Z',
    )
    expect(id).toBe('torget-lib_01H-2025-01-01-2025-12-31')
    expect(packageId({ id: 'x', name: 'Kista/Husby\n' }, '2025-01-01', '2025-01-31')).toBe(
      'torget-Kista-Husby-2025-01-01-2025-01-31',
    )
  })

  it('keeps long names within bounds', () => {
    expect(safeName('ä'.repeat(500)).length).toBeLessThanOrEqual(80)
    expect(
      packageId({ id: 'x', name: 'B'.repeat(300) }, '2025-01-01', '2025-01-31').length,
    ).toBeLessThan(80)
  })

  it('names entries and media only from what cannot be forged', () => {
    expect(entryFileName(42, 'item_received')).toBe('00000042-item_received.json')
    expect(mediaFileName('a'.repeat(64), 'image/jpeg')).toBe(`${'a'.repeat(64)}.jpg`)
    expect(mediaFileName('b'.repeat(64), 'application/x-evil/../..')).toBe(`${'b'.repeat(64)}.bin`)
    expect(() => mediaFileName('../etc/passwd', 'image/png')).toThrow()
    expect(() => entryFileName(0, 'post_published')).toThrow()
  })
})

describe('XML text', () => {
  it('carries any Unicode and refuses nothing a handle can contain', () => {
    const hostile = 'a<b>&"\'\u0000\u0007\u001b\uFFFE\uD800z مرحبا\n✓'
    const doc = parseXml(`<r${attrs({ v: hostile })}>${esc(hostile)}</r>`)
    const expected = 'a<b>&"\'\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDz مرحبا\n✓'
    expect(doc.attributes.v).toBe(expected)
    expect(doc.text).toBe(expected)
  })
})

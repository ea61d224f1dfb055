import { describe, expect, it } from 'vitest'
import { pdfFonts } from './pdf-fonts.js'
import { type Measure, breakLines, layoutLine, prepare } from './pdf-text.js'

// Every character 10 points wide: enough to see order, alignment and breaks.
const measure: Measure = (text) => Array.from(text).length * 10

function lines(text: string, width = 1000) {
  const p = prepare([{ text, style: 'regular' }], pdfFonts())
  return breakLines(p, width, measure).map((range) => {
    const line = layoutLine(p, range, width, measure)
    return {
      rtl: line.rtl,
      /** The runs from left to right, as written in the text, and where each starts. */
      runs: line.runs.map((r) => ({
        text: p.text.slice(r.start, r.end),
        x: r.x,
        font: r.face.name,
      })),
    }
  })
}

describe('lines of text in any script', () => {
  it('sets a right-to-left line against the right edge, with numbers and Latin words in their places', () => {
    const [line] = lines('افتتاح 2026 مع Torget (مجانًا)')
    expect(line!.rtl).toBe(true)
    expect(line!.runs.map((r) => r.text)).toEqual([
      ')',
      'مجانًا',
      ' (',
      'Torget',
      ' مع ',
      '2026',
      'افتتاح ',
    ])
    const last = line!.runs.at(-1)!
    expect(last.x + Array.from(last.text).length * 10).toBe(1000)
    expect(line!.runs.find((r) => r.text === 'مجانًا')!.font).toMatch(/^vazirmatn-arabic/)
    expect(line!.runs.find((r) => r.text === 'Torget')!.font).toMatch(/^noto-sans-latin/)
  })

  it('keeps an Arabic phrase inside a Swedish line in its own order, the line set from the left', () => {
    const [line] = lines('Välkommen – مرحبا بكم – till biblioteket')
    expect(line!.rtl).toBe(false)
    expect(line!.runs.map((r) => [r.text, r.x])).toEqual([
      ['Välkommen – ', 0],
      ['مرحبا بكم', 120],
      [' – till biblioteket', 210],
    ])
  })

  it('breaks a right-to-left paragraph so the first words are on the first line', () => {
    const text = 'المكتبة مفتوحة للجميع كل يوم ونحن سعداء برؤيتكم'
    const broken = lines(text, 200)
    expect(broken.length).toBeGreaterThan(1)
    const firstLine = broken[0]!.runs.map((r) => r.text).join('')
    expect(text.startsWith(firstLine.trim())).toBe(true)
    for (const line of broken) expect(line.rtl).toBe(true)
  })

  it('draws Cyrillic with the Cyrillic font and leaves out what no font has', () => {
    const [line] = lines('Бібліотека 📚 відкрита')
    expect(line!.runs).toEqual([
      { text: 'Бібліотека відкрита', x: 0, font: expect.stringMatching(/^noto-sans-cyrillic-400/) },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { PLACEHOLDERS, findPlaceholders, renderSavedReply } from './placeholders.js'

const values = {
  name: 'Anna',
  link: 'https://bsky.app/profile/x/post/1',
  library: 'Storstadens bibliotek',
  channel: 'Bluesky',
  member: 'Karin',
}

describe('renderSavedReply', () => {
  it('fills in the Swedish placeholders and their English aliases', () => {
    const sv = renderSavedReply(
      'Hej {namn}! Vi på {bibliotek} svarar här på {kanal}: {länk} /{handläggare}',
      values,
    )
    expect(sv).toEqual({
      text: 'Hej Anna! Vi på Storstadens bibliotek svarar här på Bluesky: https://bsky.app/profile/x/post/1 /Karin',
      unknown: [],
      missing: [],
    })
    expect(renderSavedReply('Hi {name}, from {member} at {library}', values).text).toBe(
      'Hi Anna, from Karin at Storstadens bibliotek',
    )
    expect(renderSavedReply('Hej {Namn}', values).text).toBe('Hej Anna')
  })

  it('reports an unknown placeholder by name and leaves it where it was', () => {
    const out = renderSavedReply('Hej {namn}, vi ses {datum} och {datum}.', values)
    expect(out.text).toBe('Hej Anna, vi ses {datum} och {datum}.')
    expect(out.unknown).toEqual(['datum'])
    expect(out.missing).toEqual([])
  })

  it('reports a known placeholder without a value and leaves it for the person to fill in', () => {
    const out = renderSavedReply('Hej {namn} och {name}!', { name: '  ', library: 'X' })
    expect(out.text).toBe('Hej {namn} och {name}!')
    expect(out.missing).toEqual(['namn', 'name'])
    expect(renderSavedReply('{kanal}', { channel: null }).missing).toEqual(['kanal'])
  })

  it('does not read a value again for placeholders, and leaves other braces alone', () => {
    const out = renderSavedReply('Hej {namn}! { } {hej där} {}', { name: '{länk}' })
    expect(out).toEqual({ text: 'Hej {länk}! { } {hej där} {}', unknown: [], missing: [] })
  })

  it('keeps text without placeholders unchanged', () => {
    expect(renderSavedReply('Tack för ditt meddelande!', {})).toEqual({
      text: 'Tack för ditt meddelande!',
      unknown: [],
      missing: [],
    })
  })
})

describe('findPlaceholders', () => {
  it('gives each placeholder with its range and what it stands for', () => {
    expect(findPlaceholders('Hej {namn}, {foo}')).toEqual([
      { start: 4, end: 10, name: 'namn', key: 'name' },
      { start: 12, end: 17, name: 'foo', key: undefined },
    ])
  })
})

describe('PLACEHOLDERS', () => {
  it('describes every placeholder in Swedish and English, with unique names', () => {
    const names = PLACEHOLDERS.flatMap((p) => [p.names.sv, p.names.en])
    expect(new Set(names).size).toBe(names.length)
    expect(names).toEqual(
      expect.arrayContaining([
        'namn',
        'länk',
        'bibliotek',
        'kanal',
        'handläggare',
        'name',
        'link',
        'library',
        'channel',
        'member',
      ]),
    )
    for (const p of PLACEHOLDERS) expect(p.description.sv && p.description.en).toBeTruthy()
  })
})

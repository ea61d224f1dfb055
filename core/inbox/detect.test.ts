import { describe, expect, it } from 'vitest'
import {
  containsEmail,
  containsLink,
  containsPersonnummer,
  hasQuestion,
  maskPersonalNumbers,
  onlyEmoji,
  onlyMentions,
} from './detect.js'

describe('hasQuestion', () => {
  it('hears a question mark, but not one inside a link', () => {
    expect(hasQuestion('Har ni öppet på lördag?')).toBe(true)
    expect(hasQuestion('Tack!! ?')).toBe(true)
    expect(hasQuestion('Läs här: https://bibliotek.se/sok?q=astrid')).toBe(false)
    expect(hasQuestion('Se bibliotek.se/sok?q=astrid&page=2 för mer')).toBe(false)
  })

  it('hears a question that opens with a question word without a question mark', () => {
    expect(hasQuestion('Hur länge har ni öppet idag')).toBe(true)
    expect(hasQuestion('@bibblan när öppnar ni')).toBe(true)
    expect(hasQuestion('Tack för tipset. Finns den som e-bok')).toBe(true)
    expect(hasQuestion('Varför är det stängt')).toBe(true)
    expect(hasQuestion('Kan jag låna om via appen')).toBe(true)
    expect(hasQuestion('When do you open tomorrow')).toBe(true)
    expect(hasQuestion('Is the library open on Sunday')).toBe(true)
  })

  it('does not take a statement or an exclamation for a question', () => {
    expect(hasQuestion('Vad kul! Vi kommer.')).toBe(false)
    expect(hasQuestion('Vad roligt med sagostund')).toBe(false)
    expect(hasQuestion('What a lovely event')).toBe(false)
    expect(hasQuestion('Kommer gärna på lördag')).toBe(false)
    expect(hasQuestion('Har lånat den, tack')).toBe(false)
    expect(hasQuestion('Hur härligt!')).toBe(false)
    expect(hasQuestion('Tack för en fin kväll')).toBe(false)
    expect(hasQuestion('Kan.')).toBe(false)
    expect(hasQuestion('')).toBe(false)
  })

  it('does not read a word inside a link or a hashtag as the opening word', () => {
    expect(hasQuestion('https://example.se/hur-gor-man bra läsning')).toBe(false)
    expect(hasQuestion('#vad #är bokcirkel idag')).toBe(false)
  })
})

describe('onlyEmoji', () => {
  it('is true for emojis alone, joined families and skin tones included', () => {
    expect(onlyEmoji('😍😍')).toBe(true)
    expect(onlyEmoji(' 👍🏽 ')).toBe(true)
    expect(onlyEmoji('👨‍👩‍👧 ❤️')).toBe(true)
    expect(onlyEmoji('🇸🇪')).toBe(true)
  })

  it('is false with any word, digit or no emoji at all', () => {
    expect(onlyEmoji('Tack 😍')).toBe(false)
    expect(onlyEmoji('10 📚')).toBe(false)
    expect(onlyEmoji('')).toBe(false)
    expect(onlyEmoji('   ')).toBe(false)
    expect(onlyEmoji('©')).toBe(false)
  })
})

describe('onlyMentions', () => {
  it('is true when someone only tags friends', () => {
    expect(onlyMentions('@anna.bsky.social @bertil')).toBe(true)
    expect(onlyMentions('@anna, @bertil!')).toBe(true)
    expect(onlyMentions('@kalle@mastodon.social')).toBe(true)
  })

  it('is false with words, emoji or no mention', () => {
    expect(onlyMentions('@anna kolla här')).toBe(false)
    expect(onlyMentions('@anna 😍')).toBe(false)
    expect(onlyMentions('anna@example.se')).toBe(false)
    expect(onlyMentions('')).toBe(false)
  })
})

describe('containsLink and containsEmail', () => {
  it('finds links with or without a scheme, not abbreviations or times', () => {
    expect(containsLink('Se https://bibliotek.se/evenemang')).toBe(true)
    expect(containsLink('Se bibliotek.se/evenemang')).toBe(true)
    expect(containsLink('t.ex. kl 10.30 bl.a.')).toBe(false)
  })

  it('finds an e-mail address but not a mention', () => {
    expect(containsEmail('Mejla anna.svensson@example.se')).toBe(true)
    expect(containsEmail('Hej @anna@mastodon.social')).toBe(false)
    expect(containsEmail('Vi ses @ biblioteket')).toBe(false)
  })
})

describe('containsPersonnummer', () => {
  it('finds personnummer with or without century and separator, and samordningsnummer', () => {
    expect(containsPersonnummer('Mitt personnummer är 811218-9876')).toBe(true)
    expect(containsPersonnummer('19811218-9876')).toBe(true)
    expect(containsPersonnummer('198112189876 heter jag')).toBe(true)
    expect(containsPersonnummer('8112189876')).toBe(true)
    expect(containsPersonnummer('811218+9876')).toBe(true)
    expect(containsPersonnummer('samordningsnummer 701063-2391')).toBe(true)
  })

  it('refuses a wrong check digit or an impossible date', () => {
    expect(containsPersonnummer('811218-9875')).toBe(false)
    expect(containsPersonnummer('811332-9876')).toBe(false)
  })

  it('does not take phone numbers, dates or ISBNs for one', () => {
    expect(containsPersonnummer('Ring mig på 0701234569')).toBe(false)
    expect(containsPersonnummer('sms 0701234569')).toBe(false)
    expect(containsPersonnummer('070-123 45 69')).toBe(false)
    expect(containsPersonnummer('Tel 08-123 456 78')).toBe(false)
    expect(containsPersonnummer('Öppet 2026-12-06 kl 10-16')).toBe(false)
    expect(containsPersonnummer('Den 6/12 2026 kl 1830')).toBe(false)
    expect(containsPersonnummer('ISBN 9789129688313')).toBe(false)
    expect(containsPersonnummer('Ordernummer: 811218-9876')).toBe(false)
  })
})

describe('maskPersonalNumbers', () => {
  it('hides every digit of the number and keeps its length and the rest', () => {
    const text = 'Jag heter Anna, 19811218-9876, ring 0701234569'
    const masked = maskPersonalNumbers(text)
    expect(masked).toBe('Jag heter Anna, ••••••••-••••, ring 0701234569')
    expect(masked).toHaveLength(text.length)
    expect(maskPersonalNumbers('A 811218-9876 och B 701063-2391')).toBe(
      'A ••••••-•••• och B ••••••-••••',
    )
    expect(maskPersonalNumbers('Inget här')).toBe('Inget här')
  })
})

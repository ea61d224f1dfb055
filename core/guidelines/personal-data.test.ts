import { describe, expect, it } from 'vitest'
import { identityKind, luhnCheckDigit, luhnValid } from './personnummer.js'
import { approvedPolicy, applyFix, check, marked, of } from './testing.js'

/** A made-up identity number with a correct check digit. */
function valid(date: string, serial = '238'): string {
  return `${date}-${serial}${luhnCheckDigit(date.slice(-6) + serial)}`
}

function found(text: string) {
  return of(check(text), 'personal-data').map((f) => [f.kind, marked(text, f)])
}

describe('identity numbers', () => {
  it('knows the Luhn check and real dates', () => {
    expect(luhnValid('8112189876')).toBe(true)
    expect(luhnValid('8112189875')).toBe(false)
    expect(identityKind('200229', '3591')).toBe('personnummer')
    expect(identityKind('20230229', '4562', 20)).toBeUndefined()
    expect(identityKind('850172', '2386')).toBe('samordningsnummer')
  })

  it('blocks a personnummer in every common form and offers to remove it', () => {
    const ten = valid('870315')
    for (const form of [
      ten,
      ten.replace('-', ''),
      ten.replace('-', '+'),
      ten.replace('-', ' '),
      `19${ten}`,
      `19${ten}`.replace('-', ''),
    ]) {
      const text = `Lånekortet ${form} har hittats.`
      const [finding] = of(check(text), 'personal-data')
      expect(finding, form).toMatchObject({ kind: 'personnummer', severity: 'block' })
      expect(marked(text, finding)).toBe(form)
      expect(applyFix(text, finding)).toBe('Lånekortet  har hittats.')
    }
  })

  it('blocks a samordningsnummer (day + 60)', () => {
    expect(found(`Numret ${valid('850172')} stod i mejlet.`)).toEqual([
      ['samordningsnummer', valid('850172')],
    ])
  })

  it.each([
    ['a date', 'Sista dag 2024-05-06 eller 20240506.'],
    ['a failed check digit', 'Lott 198703151742 vann.'],
    ['an impossible date', `Nummer ${'871345-1238'} och ${'850230-1230'}.`],
    ['an ISBN-13', 'ISBN 978-91-0-012345-6 och 9789129688134.'],
    ['an ISBN-10', 'ISBN 0306406152 och ISBN 91-29-65542-1.'],
    ['an order number', 'Ordernummer 8703151749 gäller boken.'],
    ['a reference number', 'Referensnummer 0612345678 gäller din beställning.'],
    ['times and opening hours', 'Öppet 10–16, lunch 12.00–13.00, telefontid 08.30–16.00.'],
    ['prices and years', 'Vi fick 1 250 000 kr för 2025–2027 och 120 000 medier.'],
    ['part of a longer code', 'Kod AB8703151749 och 18703151749.'],
    ['a Swish number', 'Swisha till 123 456 78 90.'],
  ])('does not flag %s', (_, text) => {
    expect(found(text)).toEqual([])
  })
})

describe('phone numbers and e-mail addresses', () => {
  it.each([
    '070-174 06 52',
    '070-1740667',
    '070 174 06 33',
    '0701740688',
    '+46 70 174 06 81',
    '+46701740699',
    '08-46 50 04 17',
    '(08) 465 004 37',
    '0771-123 456',
    '+46 (0)8 465 004 30',
  ])('blocks %s', (phone) => {
    expect(found(`Ring Sara på ${phone} i dag.`)).toEqual([['phone', phone]])
  })

  it('reads a mobile number as a phone number after "ring" or "sms" even when it passes as a personnummer', () => {
    expect(found('Sms:a 0701125312 för påminnelse.')).toEqual([['phone', '0701125312']])
  })

  it('lets the library publish its own contacts and role addresses', () => {
    const policy = approvedPolicy({
      allowedContacts: ['08-465 004 00', 'elin.berg@exempelbiblioteket.se'],
    })
    const text =
      'Ring +46 8 465 004 00 eller mejla elin.berg@exempelbiblioteket.se, info@exempelbiblioteket.se eller stadsbiblioteket@kommun.se.'
    expect(of(check(text, { policy }), 'personal-data')).toEqual([])
  })

  it('leaves function mailboxes of the library and the municipality alone', () => {
    for (const address of [
      'bokjuryn@exempelkommun.se',
      'eboken@exempelkommun.se',
      'sprakvan@exempelbiblioteket.se',
      'fjarrlan@region-exempel.se',
      'info@konstnar.se',
    ])
      expect(found(`Skriv till ${address} i dag.`), address).toEqual([])
    // A one-word mailbox at the library's own domain, known from its approved contacts.
    const policy = approvedPolicy({ allowedContacts: ['elin.berg@exempel.org'] })
    expect(of(check('Mejla evenemangsgruppen@exempel.org!', { policy }), 'personal-data')).toEqual(
      [],
    )
  })

  it.each([
    'anna@exempelbiblioteket.se',
    'petra.holm@exempelkommun.se',
    'karin@konstnar.se',
    'bokjuryn@gmail.com',
    'mohammed84@exempelkommun.se',
  ])('blocks %s: a person’s address, even at the library', (address) => {
    expect(found(`Skriv till ${address} i dag.`)).toEqual([['email', address]])
  })

  it('blocks a person’s e-mail address but not a fediverse handle', () => {
    expect(found('Fråga @anna@mastodon.nu eller anna.lind@gmail.com!')).toEqual([
      ['email', 'anna.lind@gmail.com'],
    ])
  })

  it('can be told to leave some kinds alone', () => {
    const policy = approvedPolicy({ rules: { 'personal-data': { phoneNumbers: false } } })
    expect(of(check('Ring 070-174 06 52.', { policy }), 'personal-data')).toEqual([])
  })
})

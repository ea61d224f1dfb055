import { describe, expect, it } from 'vitest'
import { isTimeZone, pickLocale } from './locale.js'
import { PERMISSIONS, ROLES, can } from './roles.js'

describe('language from Accept-Language', () => {
  it.each([
    [undefined, 'sv'],
    ['', 'sv'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,sv;q=0.8', 'sv'],
    ['fi', 'sv'],
    ['EN', 'en'],
    ['sv-SE', 'sv'],
    [';;;q=', 'sv'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected)
  })
})

describe('time zones', () => {
  it('knows real IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Stockholm')).toBe(true)
    expect(isTimeZone('Europe/Helsinki')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
  })
})

describe('roles', () => {
  it('gives only an Ansvarig the power to manage members and invitations', () => {
    for (const role of ROLES) {
      expect(can(role, 'members.manage')).toBe(role === 'admin')
      expect(can(role, 'invitations.manage')).toBe(role === 'admin')
      expect(can(role, 'library.read')).toBe(true)
    }
  })
  it('names only known roles in every permission', () => {
    for (const roles of Object.values(PERMISSIONS))
      for (const r of roles) expect(ROLES).toContain(r)
  })
})

import type { Locale } from '../../core/locale.js'
import { ROLE_LABELS, type Role } from '../../core/roles.js'

export interface EmailMessage {
  to: string
  subject: string
  text: string
}

/** Queues an email; the same key queues it once. */
export type EmailOutbox = (message: EmailMessage, key: string) => Promise<void>

export function invitationEmail(o: {
  to: string
  locale: Locale
  libraryName: string
  inviter: string
  role: Role
  url: string
  expiresAt: string
}): EmailMessage {
  const role = ROLE_LABELS[o.role][o.locale]
  const expires = new Intl.DateTimeFormat(o.locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(o.expiresAt))
  return o.locale === 'sv'
    ? {
        to: o.to,
        subject: `Inbjudan till ${o.libraryName} i Torget`,
        text: `Hej!\n\n${o.inviter} bjuder in dig till ${o.libraryName} i Torget, bibliotekets verktyg för sociala medier. Din roll blir ${role}.\n\nÖppna länken för att gå med:\n${o.url}\n\nLänken gäller till ${expires} och kan bara användas en gång.\n`,
      }
    : {
        to: o.to,
        subject: `Invitation to ${o.libraryName} on Torget`,
        text: `Hello,\n\n${o.inviter} invites you to ${o.libraryName} on Torget, the library's social media workspace. Your role will be ${role}.\n\nOpen the link to join:\n${o.url}\n\nThe link is valid until ${expires} and can be used once.\n`,
      }
}

export function passwordResetEmail(o: { to: string; locale: Locale; url: string }): EmailMessage {
  return o.locale === 'sv'
    ? {
        to: o.to,
        subject: 'Byt lösenord i Torget',
        text: `Hej!\n\nNågon (förhoppningsvis du) bad om att byta lösenord för ditt konto i Torget. Öppna länken inom en timme för att välja ett nytt:\n${o.url}\n\nBad du inte om det? Då kan du strunta i det här meddelandet; ditt lösenord är oförändrat.\n`,
      }
    : {
        to: o.to,
        subject: 'Reset your Torget password',
        text: `Hello,\n\nSomeone (hopefully you) asked to reset the password of your Torget account. Open the link within an hour to choose a new one:\n${o.url}\n\nDid not ask? Ignore this message; your password is unchanged.\n`,
      }
}

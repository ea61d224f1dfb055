import type { Locale } from '../../core/locale.js'
import { ROLE_LABELS, type Role } from '../../core/roles.js'

export interface EmailMessage {
  to: string
  subject: string
  text: string
  attachments?: { filename: string; contentType: string; content: Uint8Array }[]
  /** Passed back to the receipts once the mail has gone out or been refused. */
  receipt?: string
}

/** Queues an email; the same key queues it once. */
export type EmailOutbox = (message: EmailMessage, key: string) => Promise<void>

/** Who hears how a mail with a receipt went: sent, or refused by the receiving server for good. */
export interface EmailReceipts {
  sent(receipt: string, to: string): Promise<void>
  refused(receipt: string, to: string, response: string): Promise<void>
}

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

/** To an address someone gave on a link-only invitation, which has no account yet. */
export function confirmAddressEmail(o: {
  to: string
  locale: Locale
  libraryName: string
  url: string
}): EmailMessage {
  return o.locale === 'sv'
    ? {
        to: o.to,
        subject: `Bekräfta din e-postadress för ${o.libraryName} i Torget`,
        text: `Hej!\n\nNågon (förhoppningsvis du) vill gå med i ${o.libraryName} i Torget, bibliotekets verktyg för sociala medier, med den här e-postadressen. Öppna länken inom ett dygn för att välja namn och lösenord och gå med:\n${o.url}\n\nVar det inte du? Då kan du strunta i det här meddelandet; inget konto skapas.\n`,
      }
    : {
        to: o.to,
        subject: `Confirm your email address for ${o.libraryName} on Torget`,
        text: `Hello,\n\nSomeone (hopefully you) wants to join ${o.libraryName} on Torget, the library's social media workspace, with this email address. Open the link within a day to choose your name and password and join:\n${o.url}\n\nNot you? Ignore this message; no account is created.\n`,
      }
}

/**
 * To an address someone gave on a link-only invitation, which already has an account. The page
 * answered as if it had none; the owner hears of it here, and the invitation link is not sent.
 */
export function addressInUseEmail(o: {
  to: string
  locale: Locale
  libraryName: string
  signInUrl: string
}): EmailMessage {
  return o.locale === 'sv'
    ? {
        to: o.to,
        subject: `Någon ville gå med i ${o.libraryName} i Torget med din e-postadress`,
        text: `Hej!\n\nNågon använde en inbjudan till ${o.libraryName} i Torget och angav din e-postadress. Du har redan ett konto i Torget.\n\nVar det du? Logga in på ${o.signInUrl} och öppna inbjudningslänken igen, så går du med med ditt konto.\n\nVar det inte du? Då kan du strunta i det här meddelandet; inget har ändrats.\n`,
      }
    : {
        to: o.to,
        subject: `Someone wanted to join ${o.libraryName} on Torget with your email address`,
        text: `Hello,\n\nSomeone used an invitation to ${o.libraryName} on Torget and gave your email address. You already have a Torget account.\n\nWas it you? Sign in at ${o.signInUrl} and open the invitation link again to join with your account.\n\nNot you? Ignore this message; nothing has changed.\n`,
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

/** The monthly report to a recipient who may have no Torget account: the gist, and the PDF. */
export function monthlyReportEmail(o: {
  to: string
  locale: Locale
  name: string
  outline: {
    title: string
    period: string
    headline: { label: string; value: string; note: string }[]
  }
  pdf: { filename: string; content: Uint8Array }
  test: boolean
  receipt?: string
}): EmailMessage {
  const sv = o.locale === 'sv'
  const gist = o.outline.headline
    .map((h) => `- ${h.label}: ${h.value}${h.note ? ` (${h.note})` : ''}`)
    .join('\n')
  const intro = sv
    ? `${o.test ? 'Det här är ett test: så här ser månadsrapporten ut för dem som får den.\n\n' : ''}Här kommer månadsrapporten om sociala medier för ${o.name}. ${o.outline.period} Hela rapporten finns som PDF i bilagan.`
    : `${o.test ? 'This is a test: this is how the monthly report looks to those who get it.\n\n' : ''}Here is the monthly social media report for ${o.name}. ${o.outline.period} The whole report is attached as a PDF.`
  const why = sv
    ? `Du får rapporten för att ${o.name} har valt dig som mottagare i Torget, bibliotekets verktyg för sociala medier. Vill du inte längre få den? Hör av dig till biblioteket.`
    : `You get this report because ${o.name} chose you as a recipient in Torget, the library's social media workspace. No longer want it? Let the library know.`
  return {
    to: o.to,
    subject: `${o.test ? 'Test: ' : ''}${o.outline.title} – ${o.name}`,
    text: `${sv ? 'Hej!' : 'Hello,'}\n\n${intro}\n\n${sv ? 'I korthet:' : 'In short:'}\n${gist}\n\n${why}\n`,
    attachments: [
      { filename: o.pdf.filename, contentType: 'application/pdf', content: o.pdf.content },
    ],
    ...(o.receipt && { receipt: o.receipt }),
  }
}

/**
 * To each Ansvarig of a library, two weeks before a channel's access to a network
 * ends (Meta's tokens last about 60 days), or when it has ended without a warning.
 */
export function accessExpiryEmail(o: {
  to: string
  locale: Locale
  libraryName: string
  /** e.g. "Instagram @stadsbiblioteket" */
  channel: string
  expiresAt: string
  timeZone: string
  ended: boolean
  url: string
}): EmailMessage {
  const when = new Intl.DateTimeFormat(o.locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: o.timeZone,
  }).format(new Date(o.expiresAt))
  return o.locale === 'sv'
    ? {
        to: o.to,
        subject: o.ended
          ? `Torget: åtkomsten till ${o.channel} har gått ut`
          : `Torget: åtkomsten till ${o.channel} går ut ${when}`,
        text: `Hej!\n\n${o.ended ? `Torgets åtkomst till ${o.channel} för ${o.libraryName} gick ut ${when}.` : `Torgets åtkomst till ${o.channel} för ${o.libraryName} går ut ${when}.`} Efter det publiceras inga inlägg där och ingen statistik hämtas, tills någon ansluter kanalen igen. Nätverket bestämmer hur länge åtkomsten gäller; att ansluta igen tar en minut och ger en ny period.\n\nÖppna Kanaler och välj Anslut igen:\n${o.url}\n\nDu får det här brevet för att du är ansvarig för ${o.libraryName} i Torget.\n`,
      }
    : {
        to: o.to,
        subject: o.ended
          ? `Torget: access to ${o.channel} has ended`
          : `Torget: access to ${o.channel} ends ${when}`,
        text: `Hello,\n\n${o.ended ? `Torget's access to ${o.channel} for ${o.libraryName} ended ${when}.` : `Torget's access to ${o.channel} for ${o.libraryName} ends ${when}.`} After that nothing is published there and no statistics are read until someone connects the channel again. The network decides how long access lasts; connecting again takes a minute and starts a new period.\n\nOpen Channels and choose Connect again:\n${o.url}\n\nYou get this message because you are an Ansvarig (administrator) of ${o.libraryName} in Torget.\n`,
      }
}

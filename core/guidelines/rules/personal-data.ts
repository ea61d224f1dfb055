import { say } from '../i18n.js'
import { isFunctionMailbox } from '../mailbox.js'
import {
  findIdentityNumbers,
  findPhoneNumbers,
  type PersonalDataKind,
  type PersonalDataMatch,
} from '../personal-data-scan.js'
import type { PostContext, PostRule } from '../rule.js'
import type { Finding } from '../types.js'

export const personalDataRule: PostRule<'personal-data'> = {
  id: 'personal-data',
  check(context, config) {
    const { facts, compiled } = context
    const found: PersonalDataMatch[] = []
    const identity =
      config.identityNumbers || config.phoneNumbers ? findIdentityNumbers(facts.text) : []
    if (config.identityNumbers) found.push(...identity)
    if (config.phoneNumbers) {
      const spans = [...identity, ...facts.links.urls]
      for (const phone of findPhoneNumbers(facts.text, spans)) {
        if (!compiled.allowedPhones.has(phone.normalized)) found.push(phone)
      }
    }
    if (config.emailAddresses) {
      for (const email of facts.links.emails) {
        const address = `${email.local}@${email.domain}`.toLowerCase()
        if (
          compiled.allowedEmails.has(address) ||
          isFunctionMailbox(email.local, email.domain, compiled.ownDomains)
        )
          continue
        found.push({ start: email.start, end: email.end, kind: 'email', normalized: address })
      }
    }
    return found
      .sort((a, b) => a.start - b.start)
      .map((m) => toFinding(m, context, config.severity))
  },
}

function toFinding(
  match: PersonalDataMatch,
  { facts, locale }: PostContext,
  severity: Finding['severity'],
): Finding {
  const shown = facts.text.slice(match.start, match.end)
  const identity = match.kind === 'personnummer' || match.kind === 'samordningsnummer'
  return {
    ruleId: 'personal-data',
    kind: match.kind,
    severity,
    message: say(locale, MESSAGES[match.kind].sv, MESSAGES[match.kind].en),
    why: identity
      ? say(
          locale,
          'Personnummer och samordningsnummer är personuppgifter som inte ska publiceras (GDPR). Allt biblioteket publicerar sparas dessutom som allmän handling.',
          'Personal identity and coordination numbers are personal data that must not be published (GDPR). Everything the library publishes is also kept as a public record.',
        )
      : say(
          locale,
          'Kontaktuppgifter till en person är personuppgifter (GDPR). Är det bibliotekets egen adress eller eget nummer kan den läggas till bland godkända kontaktuppgifter i policyn.',
          "A person's contact details are personal data (GDPR). If this is the library's own address or number, it can be added to the approved contacts in the policy.",
        ),
    range: { start: match.start, end: match.end },
    ...(identity && {
      fix: {
        label: say(locale, `Ta bort ${shown}`, `Remove ${shown}`),
        replacement: { start: match.start, end: match.end, text: '' },
      },
    }),
  }
}

const MESSAGES: Record<PersonalDataKind, { sv: string; en: string }> = {
  personnummer: {
    sv: 'Texten innehåller ett personnummer',
    en: 'The text contains a personal identity number',
  },
  samordningsnummer: {
    sv: 'Texten innehåller ett samordningsnummer',
    en: 'The text contains a coordination number',
  },
  phone: {
    sv: 'Telefonnummer som kan vara en personuppgift',
    en: 'A phone number that may be personal data',
  },
  email: {
    sv: 'E-postadress som kan vara en personuppgift',
    en: 'An e-mail address that may be personal data',
  },
}

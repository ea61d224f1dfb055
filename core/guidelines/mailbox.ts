// Local parts that name a role or a service anywhere: "info@", "kontakt@", "stadsbiblioteket@".
const ROLE_LOCAL =
  /^(?:info|kontakt|contact|hej|hello|registrator|kundtjanst|kundtjänst|support|press|noreply|no-reply|fragor|frågor|evenemang|program|kommun|reception|vaxel|växel)$|^[^.]*(?:bibliotek|library)[^.]*$/u

// Mail services where anyone opens an account: an address there belongs to a person.
const PERSONAL_MAIL =
  /(?:^|\.)(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|mac|aol|proton|protonmail|pm|gmx|yandex|telia|bredband|comhem|spray|tele2|bahnhof)\.[a-z.]+$/u

// Domains of public bodies and libraries, where one-word mailboxes are functions ("bokjuryn@", "eboken@").
const ORGANISATION_DOMAIN = /(?:kommun|bibliotek|library|region|stad|skola|skolor)[^.]*\.[a-z.]+$/u

// The most common given names in Sweden (SCB), and a few common among library patrons:
// "anna@exempelbiblioteket.se" is a person even at the library's own domain.
const GIVEN_NAMES = new Set(
  (
    'anna eva maria karin sara lena kerstin emma ingrid marie malin jenny hanna linda susanne ' +
    'elin ida johanna sofia elsa petra birgitta annika helena camilla cecilia frida julia klara ' +
    'maja alice ebba lisa louise amanda agnes astrid ella wilma moa nora olivia saga stina ulla ' +
    'erik lars karl anders johan per nils jan mikael hans peter lennart olof gunnar sven fredrik ' +
    'daniel bengt bo alexander magnus mats stefan andreas jonas thomas tomas martin henrik ' +
    'oskar oscar gustav emil hugo liam lucas william axel leo elias viktor filip isak adam noah ' +
    'ali mohammed mohamed ahmed amina fatima hassan hussein omar yasmin leila sami'
  ).split(' '),
)

/**
 * A function mailbox (a role, a service, a project of the library or the
 * municipality) is not personal data; a person's address is. A mailbox is a
 * function when its local part names a role, or when it is one word, not a
 * common given name, at the library's own domain or a public body's.
 */
export function isFunctionMailbox(
  local: string,
  domain: string,
  ownDomains: ReadonlySet<string>,
): boolean {
  const name = local.toLowerCase()
  const host = domain.toLowerCase()
  if (PERSONAL_MAIL.test(host)) return false
  if (ROLE_LOCAL.test(name)) return true
  // first.last, a.b, anna_l: the shape of a person's name.
  if (/[._+-]/.test(name)) return false
  if (GIVEN_NAMES.has(name.replace(/\d+$/, ''))) return false
  return ownDomain(host, ownDomains) || ORGANISATION_DOMAIN.test(host)
}

function ownDomain(host: string, own: ReadonlySet<string>): boolean {
  for (const domain of own) if (host === domain || host.endsWith(`.${domain}`)) return true
  return false
}

import { normalizePhone } from './personal-data-scan.js'
import type { Audience, ForbiddenEntry, GuidelinePolicy } from './policy.js'
import { WordMatcher } from './word-matcher.js'

export interface CompiledPolicy {
  policy: GuidelinePolicy
  forbidden: WordMatcher<ForbiddenEntry>
  slang: WordMatcher<string>
  allowedCaps: Set<string>
  allowedPhones: Set<string>
  allowedEmails: Set<string>
  /** Domains of the library's own addresses, where one-word mailboxes are functions. */
  ownDomains: Set<string>
  shortenerHosts: Set<string>
  audiences: Map<string, Audience>
}

// Services whose links hide where they lead. youtu.be is left out: it says YouTube.
const SHORTENERS = [
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  't.co',
  'goo.gl',
  'ow.ly',
  'is.gd',
  'v.gd',
  'buff.ly',
  'lnkd.in',
  'tiny.cc',
  'rb.gy',
  'cutt.ly',
  'shorturl.at',
  't.ly',
  'rebrand.ly',
  's.id',
  'bl.ink',
  'dlvr.it',
  'ift.tt',
  'trib.al',
  'fb.me',
  'shor.by',
  'qr.ae',
]

const cache = new WeakMap<GuidelinePolicy, CompiledPolicy>()

/**
 * Everything a check needs from a policy, built once per policy object: the
 * composer calls the checks on every keystroke with the same policy.
 */
export function compilePolicy(policy: GuidelinePolicy): CompiledPolicy {
  let compiled = cache.get(policy)
  if (!compiled) {
    compiled = build(policy)
    cache.set(policy, compiled)
  }
  return compiled
}

function build(policy: GuidelinePolicy): CompiledPolicy {
  const allowedPhones = new Set<string>()
  const allowedEmails = new Set<string>()
  const ownDomains = new Set<string>()
  for (const contact of policy.allowedContacts) {
    if (contact.includes('@')) {
      const address = contact.trim().toLowerCase()
      allowedEmails.add(address)
      ownDomains.add(address.slice(address.lastIndexOf('@') + 1))
    } else allowedPhones.add(normalizePhone(contact))
  }
  return {
    policy,
    forbidden: new WordMatcher(
      policy.forbiddenWords.map((entry) => ({
        phrase: entry.phrase,
        exact: entry.exact,
        payload: entry,
      })),
    ),
    slang: new WordMatcher(
      policy.rules.tone.slang.map((word) => ({ phrase: word, payload: word })),
    ),
    allowedCaps: new Set(policy.rules.tone.allowedCaps),
    allowedPhones,
    allowedEmails,
    ownDomains,
    shortenerHosts: new Set([...SHORTENERS, ...policy.rules['url-shortener'].extraHosts]),
    audiences: new Map(policy.audiences.map((a) => [a.id, a])),
  }
}

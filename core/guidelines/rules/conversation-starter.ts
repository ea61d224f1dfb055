import {
  isConversational,
  isServiceNotice,
  postLanguage,
  suggestQuestion,
} from '../conversation.js'
import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { TextFacts } from '../text-facts.js'

const MIN_WORDS = 4
const SENTENCE_END = /[.!?…)"”»]/u

export const conversationStarterRule: PostRule<'conversation-starter'> = {
  id: 'conversation-starter',
  check({ facts, locale }, config) {
    if (facts.words.length < MIN_WORDS || isConversational(facts) || isServiceNotice(facts)) {
      return []
    }
    const question = suggestQuestion(facts, postLanguage(facts, locale))
    const { at, afterLink } = insertionPoint(facts)
    const before = facts.text.slice(0, at).trimEnd()
    const needsPeriod = before.length > 0 && !SENTENCE_END.test(before[before.length - 1]!)
    const glue = afterLink ? '\n' : needsPeriod ? '. ' : ' '
    return [
      {
        ruleId: 'conversation-starter',
        kind: 'no-question',
        severity: config.severity,
        message: say(
          locale,
          `Bjud in till samtal, till exempel: "${question}"`,
          `Invite a conversation, for example: "${question}"`,
        ),
        why: say(
          locale,
          'Inlägg som frågar något får fler svar än inlägg som bara informerar. Prata, fråga, involvera.',
          'Posts that ask something get more replies than posts that only inform. Talk, ask, involve.',
        ),
        fix: {
          label: say(locale, 'Lägg till frågan', 'Add the question'),
          replacement: { start: at, end: at, text: glue + question },
        },
      },
    ]
  },
}

/** After the last sentence or link, before closing emojis and hashtags. */
function insertionPoint(facts: TextFacts): { at: number; afterLink: boolean } {
  const tokens = facts.tokens
  let i = tokens.length - 1
  while (i > 0 && tokens[i]!.place === 'tag') i--
  const last = tokens[i]!
  if (last.place === 'url' || last.place === 'email') {
    const link = [...facts.links.urls, ...facts.links.emails].find((l) => l.end >= last.end)
    return { at: link?.end ?? last.end, afterLink: true }
  }
  let at = last.end
  while (at < facts.text.length && SENTENCE_END.test(facts.text[at]!)) at++
  return { at, afterLink: false }
}

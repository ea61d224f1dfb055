import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'

export const emojiCountRule: PostRule<'emoji-count'> = {
  id: 'emoji-count',
  check({ facts, locale }, config) {
    const emojis = facts.emojis
    if (emojis.length <= config.maxCount) return []
    return [
      {
        ruleId: 'emoji-count',
        kind: 'count',
        severity: config.severity,
        message: say(
          locale,
          `${emojis.length} emojier – högst ${config.maxCount} rekommenderas`,
          `${emojis.length} emojis – at most ${config.maxCount} recommended`,
        ),
        why: say(
          locale,
          'Skärmläsare läser upp varje emoji med sitt namn, till exempel "ansikte med glädjetårar". Många emojier gör texten lång och svår att följa.',
          'Screen readers read each emoji by its name, for example "face with tears of joy". Many emojis make the text long and hard to follow.',
        ),
        range: { start: emojis[config.maxCount]!.start, end: emojis[emojis.length - 1]!.end },
      },
    ]
  },
}

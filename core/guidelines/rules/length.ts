import { countText, threadsWeight } from '../../composer/count.js'
import { eachGrapheme, utf8Length } from '../../composer/graphemes.js'
import type { NetworkLimits } from '../../composer/limits.js'
import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { TextFacts } from '../text-facts.js'
import { networkName } from '../../channels/networks.js'
import type { Finding } from '../types.js'

export const lengthRule: PostRule<'length'> = {
  id: 'length',
  check({ input, facts, locale }, config) {
    const findings: Finding[] = []
    for (const { network, limits } of input.channels) {
      const count = countText(input.text, limits)
      const name = networkName(network, locale)
      if (!count.fits) {
        const overBytes = count.used <= count.limit
        findings.push({
          ruleId: 'length',
          kind: 'over',
          severity: config.severity,
          network,
          message: overBytes
            ? say(
                locale,
                `För lång för ${name}: ${count.bytes} av ${count.byteLimit} byte`,
                `Too long for ${name}: ${count.bytes} of ${count.byteLimit} bytes`,
              )
            : say(
                locale,
                `För lång för ${name}: ${count.used} av ${count.limit} tecken`,
                `Too long for ${name}: ${count.used} of ${count.limit} characters`,
              ),
          why: overBytes
            ? say(
                locale,
                `${name} räknar också byte. Emojier tar upp till 25 byte var, å, ä och ö 2. Ta bort några emojier eller korta texten.`,
                `${name} also counts bytes. An emoji takes up to 25 bytes, å, ä and ö take 2. Remove some emojis or shorten the text.`,
              )
            : say(
                locale,
                `${name} tar inte emot längre inlägg. Det markerade får inte plats.`,
                `${name} does not accept longer posts. The marked part does not fit.`,
              ),
          range: { start: cutOffset(facts, limits), end: input.text.length },
        })
      } else if (count.used >= config.nearRatio * count.limit) {
        findings.push({
          ruleId: 'length',
          kind: 'near',
          severity: config.nearSeverity,
          network,
          message: say(
            locale,
            `${count.remaining} tecken kvar på ${name}`,
            `${count.remaining} characters left on ${name}`,
          ),
          why: say(
            locale,
            `${name} tillåter ${count.limit} tecken. Korta inlägg läses oftare till slut.`,
            `${name} allows ${count.limit} characters. Short posts are more often read to the end.`,
          ),
        })
      }
    }
    return findings
  },
}

/**
 * Where the text stops fitting, counted the network's way: graphemes, a
 * Mastodon link as its fixed weight, a Threads emoji as its bytes, Bluesky's bytes too.
 */
function cutOffset(facts: TextFacts, limits: NetworkLimits): number {
  const urls = limits.counting === 'mastodon' ? facts.links.urls.filter((u) => u.hasScheme) : []
  const reserved = limits.charactersReservedPerUrl ?? 23
  let used = 0
  let bytes = 0
  let u = 0
  let cut = facts.text.length
  eachGrapheme(facts.text, (index, end) => {
    while (u < urls.length && urls[u]!.end <= index) u++
    const inUrl = u < urls.length && urls[u]!.start <= index
    if (inUrl) {
      if (urls[u]!.start === index) used += reserved
    } else if (limits.counting === 'threads')
      used += end - index === 1 ? 1 : threadsWeight(facts.text.slice(index, end).normalize('NFC'))
    else used++
    if (limits.maxBytes !== undefined) {
      const segment = facts.text.slice(index, end)
      bytes += end - index === 1 ? utf8Length(segment) : utf8Length(segment.normalize('NFC'))
    }
    if (used > limits.maxCharacters || (limits.maxBytes !== undefined && bytes > limits.maxBytes)) {
      cut = inUrl ? urls[u]!.start : index
      return true
    }
  })
  return cut
}

import { describe, expect, it } from 'vitest'
import { checkStream, checkStreamCounts } from './check.js'
import { guidelinePolicySchema } from './policy.js'
import { withPost } from './rules/skyltfonster.js'
import { approvedPolicy, applyFix, check, of } from './testing.js'

describe('conversation starter', () => {
  it('suggests a question that fits the topic and inserts it before the closing tags', () => {
    const text = 'Nya deckare i hyllan! 📚 #Deckare'
    const [finding] = of(check(text), 'conversation-starter')
    expect(finding!.severity).toBe('hint')
    expect(finding!.message).toBe(
      'Bjud in till samtal, till exempel: "Vilken bok läser du just nu?"',
    )
    expect(applyFix(text, finding)).toBe(
      'Nya deckare i hyllan! Vilken bok läser du just nu? 📚 #Deckare',
    )
  })

  it('adds a period where the last sentence has none, and a new line after a closing link', () => {
    const plain = 'Språkcafé varje onsdag kl. 17–19'
    expect(applyFix(plain, of(check(plain), 'conversation-starter')[0])).toBe(
      'Språkcafé varje onsdag kl. 17–19. Vilket språk vill du öva på?',
    )
    const linked = 'Anmälan till läxhjälpen i höst: https://exempelbiblioteket.se/laxhjalp'
    expect(applyFix(linked, of(check(linked), 'conversation-starter')[0])).toBe(
      `${linked}\nVilket ämne vill du ha hjälp med?`,
    )
  })

  it('writes the question in the language of the post, not of the user interface', () => {
    const [finding] = of(
      check('Välkommen till bokcirkeln på tisdag med oss.', { locale: 'en' }),
      'conversation-starter',
    )
    expect(finding!.message).toBe(
      'Invite a conversation, for example: "Vilken bok ska vi läsa härnäst?"',
    )
  })

  it.each([
    'Vilken bok läser du just nu?',
    'Tipsa oss om en bra ljudbok för bilresan!',
    'Vi vill höra vad du tycker om sommarprogrammet.',
    '@maja_l Tack för tipset, vi köper in boken.',
    'Biblioteket är stängt på midsommarafton.',
    'Sagostund!',
  ])('stays quiet for "%s"', (text) => {
    expect(of(check(text), 'conversation-starter')).toEqual([])
  })

  it('does not count a question mark inside a link as a question', () => {
    expect(
      of(
        check('Här är alla nya böcker: https://exempelbiblioteket.se/sok?q=nytt'),
        'conversation-starter',
      ),
    ).toHaveLength(1)
  })
})

describe('skyltfönster: a stream that only announces', () => {
  const announce = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ text: `Sagostund nummer ${i + 1} på lördag.` }))
  const ask = (n: number) =>
    Array.from({ length: n }, () => ({ text: 'Vilken bok läser du just nu?' }))
  const policy = approvedPolicy()

  it('nudges when more than 70 % of posts only announce, and says how many', () => {
    const [finding] = checkStream([...announce(8), ...ask(2)], policy)
    expect(finding).toMatchObject({ ruleId: 'skyltfonster', severity: 'hint' })
    expect(finding!.message).toBe('8 av 10 inlägg bara informerar (80 %). Prata, fråga, involvera!')
  })

  it('is quiet at 70 % or less, and for too few posts to say anything', () => {
    expect(checkStream([...announce(7), ...ask(3)], policy)).toEqual([])
    expect(checkStream(announce(4), policy)).toEqual([])
  })

  it('follows the policy’s threshold', () => {
    const strict = approvedPolicy({ rules: { skyltfonster: { maxPromotionalShare: 0.5 } } })
    expect(checkStream([...announce(6), ...ask(4)], strict)).toHaveLength(1)
  })

  it('counts the draft being written on top of the channel’s other posts', () => {
    const channel = { posts: 10, oneWay: 7 }
    const oneWayDraft = withPost(channel, 'Sagostund på lördag kl. 11.')
    expect(oneWayDraft).toEqual({ posts: 11, oneWay: 8 })
    expect(checkStreamCounts(oneWayDraft, policy, 'en')[0]?.message).toBe(
      '8 of 11 posts only announce (73%). Talk, ask, involve!',
    )
    const askingDraft = withPost(channel, 'Vilken saga vill du höra på lördag?')
    expect(askingDraft).toEqual({ posts: 11, oneWay: 7 })
    expect(checkStreamCounts(askingDraft, policy)).toEqual([])
  })

  it('is silent when the policy turns it off, and applies the defaults until a policy is approved', () => {
    const off = approvedPolicy({ rules: { skyltfonster: { enabled: false } } })
    expect(checkStreamCounts({ posts: 10, oneWay: 10 }, off)).toEqual([])
    const draftPolicy = guidelinePolicySchema.parse({
      rules: { skyltfonster: { enabled: false } },
    })
    expect(checkStreamCounts({ posts: 10, oneWay: 10 }, draftPolicy)).toHaveLength(1)
  })
})

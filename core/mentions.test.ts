import { describe, expect, it } from 'vitest'
import { findMentions, mentionedIds } from './mentions.js'

const members = [
  { userId: 'anna', name: 'Anna' },
  { userId: 'anna-a', name: 'Anna Ansvarig' },
  { userId: 'sara', name: 'Sara Skribent' },
  { userId: 'ake', name: 'Åke Öberg' },
]

describe('@mentions', () => {
  it('finds full names with spaces, the longest first, whatever the case', () => {
    const text = '@anna ansvarig och @Sara Skribent: kan vi ställa en fråga i slutet? /@Anna'
    expect(mentionedIds(text, members)).toEqual(['anna-a', 'sara', 'anna'])
    expect(findMentions(text, members)[0]).toEqual({ start: 0, end: 14, userId: 'anna-a' })
  })

  it('reads Swedish letters, and a name must end where a word ends', () => {
    expect(mentionedIds('Tack @åke öberg!', members)).toEqual(['ake'])
    expect(mentionedIds('@Annas bok', members)).toEqual([])
    expect(mentionedIds('bibliotek@anna.se', members)).toEqual([])
    expect(mentionedIds('Ingen nämns här', members)).toEqual([])
  })

  it('mentions each person once', () => {
    expect(mentionedIds('@Sara Skribent, @sara skribent', members)).toEqual(['sara'])
  })
})

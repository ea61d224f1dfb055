import { describe, expect, it } from 'vitest'
import type { InboxItem, InboxItemDetail } from '../../../core/schemas/inbox.js'
import { renderSavedReply } from '../../../core/inbox/placeholders.js'
import { changesSince, lastChangedBy, newestIsMine, snapshot } from './changes.js'
import { validateInboxSearch } from './inbox-search.js'
import { dueStatus, guidanceTopics, neighbour } from './item-facts.js'
import { placeholderProblems, placeholderValues } from './reply-checks.js'

const item: InboxItem = {
  id: 'i1',
  channel: { id: 'c1', network: 'bluesky', handle: 'bibliotek.test' },
  kind: 'reply',
  state: 'new',
  author: {
    handle: 'lisa.test',
    displayName: 'Lisa',
    profileUrl: 'https://bsky.app/profile/lisa.test',
    avatarUrl: null,
    seenBefore: 0,
  },
  text: 'Har ni öppet på söndag?',
  url: 'https://bsky.app/profile/lisa.test/post/1',
  createdAt: '2026-12-06T09:00:00Z',
  receivedAt: '2026-12-06T09:01:00Z',
  editedAt: null,
  deletedAt: null,
  moderatedAt: null,
  assignee: null,
  tags: [],
  hasQuestion: true,
  flagged: false,
  subject: null,
  dueAt: '2026-12-06T12:00:00Z',
  firstResponseAt: null,
  version: 1,
}
const sven = { id: 'u-sven', name: 'Sven Svarare' }
const anna = { id: 'u-anna', name: 'Anna Ansvarig' }

function detail(changes: Partial<InboxItemDetail> = {}): InboxItemDetail {
  return {
    item,
    conversation: [],
    notes: [],
    activity: [],
    replies: [],
    moderation: [],
    presence: [],
    moderationActions: ['hide_reply', 'block', 'mute'],
    guidance: { personalMatters: '', complaints: '', threats: '', escalation: '' },
    ...changes,
  }
}

describe('what a colleague changed while the item was open', () => {
  it('names their reply, the new state and the new assignee, not what stayed', () => {
    const before = snapshot(detail())
    const now = detail({
      item: { ...item, state: 'answered', assignee: anna, version: 3 },
      replies: [
        {
          postId: 'p1',
          text: 'Ja, 12–16!',
          state: 'scheduled',
          version: 2,
          author: anna,
          createdAt: '2026-12-06T09:05:00Z',
          returnNote: null,
          url: null,
        },
      ],
      activity: [
        activity('a1', '2026-12-06T09:04:00Z', sven),
        activity('a2', '2026-12-06T09:05:00Z', anna),
      ],
    })
    expect(changesSince(before, now)).toEqual([
      { kind: 'reply', author: 'Anna Ansvarig', text: 'Ja, 12–16!' },
      { kind: 'state', state: 'answered' },
      { kind: 'assignee', name: 'Anna Ansvarig' },
    ])
    expect(lastChangedBy(now, sven.id)).toBe('Anna Ansvarig')
    expect(newestIsMine(now, sven.id)).toBe(false)
    expect(newestIsMine(now, anna.id)).toBe(true)
  })

  it('finds nothing when nothing differs', () => {
    expect(changesSince(snapshot(detail()), detail())).toEqual([])
  })
})

function activity(id: string, at: string, actor: { id: string; name: string }) {
  return {
    id,
    at,
    action: 'state_changed' as const,
    actor,
    rule: null,
    detail: {},
    undoable: false,
  }
}

describe('the marks on an item', () => {
  const noon = Date.parse('2026-12-06T12:00:00Z')
  it('is overdue after its due time, due before, and neither once answered', () => {
    expect(dueStatus(item, noon + 1)).toEqual({ kind: 'overdue', at: item.dueAt })
    expect(dueStatus(item, noon - 1)).toEqual({ kind: 'due', at: item.dueAt })
    expect(dueStatus({ ...item, state: 'answered' }, noon + 1)).toBeUndefined()
    expect(dueStatus({ ...item, dueAt: null }, noon + 1)).toBeUndefined()
  })

  it('shows the policy on personal matters and complaints by their tags, and on a flag', () => {
    const tag = (name: string) => ({ id: name, name })
    expect(guidanceTopics({ tags: [tag('Personligt ärende')], flagged: false })).toEqual([
      'personalMatters',
    ])
    expect(guidanceTopics({ tags: [tag('klagomål'), tag('Hot/hat')], flagged: true })).toEqual([
      'threats',
      'complaints',
      'escalation',
    ])
    expect(guidanceTopics({ tags: [tag('öppettider')], flagged: false })).toEqual([])
  })
})

describe('j and k', () => {
  it('open the first item, then move one step, stopping at the ends', () => {
    const ids = ['a', 'b', 'c']
    expect(neighbour(ids, undefined, 1)).toBe('a')
    expect(neighbour(ids, 'a', 1)).toBe('b')
    expect(neighbour(ids, 'c', 1)).toBe('c')
    expect(neighbour(ids, 'a', -1)).toBe('a')
    expect(neighbour(ids, 'gone', -1)).toBe('a')
    expect(neighbour([], undefined, 1)).toBeUndefined()
  })
})

describe('the inbox address', () => {
  it('keeps known filters and drops what is not one', () => {
    expect(
      validateInboxSearch({
        lage: 'open',
        tilldelad: 'me',
        fraga: 'ja',
        sok: 123,
        arende: 'abc-1',
        kanal: '<script>',
        flaggad: 'nej',
      }),
    ).toEqual({ lage: 'open', tilldelad: 'me', fraga: 'ja', sok: '123', arende: 'abc-1' })
  })
})

describe('a saved reply picked for an item', () => {
  it('is filled with the author, the channel, the library and the first name of the one answering', () => {
    const values = placeholderValues(item, 'Exempelbiblioteket', { name: 'Sven Svarare' })
    const body = 'Hej {namn}! Tack för frågan på {kanal}. /{handläggare}, {bibliotek}'
    expect(renderSavedReply(body, values).text).toBe(
      'Hej Lisa! Tack för frågan på Bluesky. /Sven, Exempelbiblioteket',
    )
  })

  it('names a placeholder nobody can fill before anything is sent', () => {
    const values = placeholderValues(item, 'Exempelbiblioteket', { name: 'Sven Svarare' })
    expect(placeholderProblems('Vi har öppet {öppettider}.', values)).toEqual({
      unknown: ['öppettider'],
      missing: [],
    })
  })
})

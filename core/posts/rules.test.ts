import { describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../roles.js'
import type { PostState } from '../schemas/index.js'
import {
  type ReviewEvent,
  approvalForSchedule,
  approvalRefusal,
  editorsUnderReview,
  isApproved,
  mayChangePost,
  mayDeletePost,
  mayMovePost,
} from './rules.js'

const ANNA = 'anna'
const BO = 'bo'
const CARL = 'carl'
const post = { authorId: ANNA, assigneeId: BO }
const as = (role: Role, userId: string) => ({ role, userId })
const ON = { requireSecondApprover: true }
const OFF = { requireSecondApprover: false }

describe('who may change a post', () => {
  it.each(ROLES)('%s: their own and assigned posts; others only with posts.publish', (role) => {
    const writes = ['admin', 'editor', 'writer'].includes(role)
    const publishes = ['admin', 'editor'].includes(role)
    expect([
      mayChangePost(as(role, ANNA), post),
      mayChangePost(as(role, BO), post),
      mayChangePost(as(role, CARL), post),
    ]).toEqual([writes, writes, publishes])
  })

  it('lets the author delete, not the assignee; those who publish delete any', () => {
    expect(mayDeletePost(as('writer', ANNA), post)).toBe(true)
    expect(mayDeletePost(as('writer', BO), post)).toBe(false)
    expect(mayDeletePost(as('editor', CARL), post)).toBe(true)
    expect(mayDeletePost(as('reader', ANNA), post)).toBe(false)
  })
})

describe('who may move a post in the calendar', () => {
  const at = (state: PostState) => ({ ...post, state })
  it('moves a planned post for whoever may change it', () => {
    for (const state of ['draft', 'in_review', 'approved'] as const) {
      expect(mayMovePost(as('writer', BO), at(state))).toBe(true)
      expect(mayMovePost(as('writer', CARL), at(state))).toBe(false)
    }
  })
  it('reschedules a scheduled post only for those who publish', () => {
    expect(mayMovePost(as('writer', ANNA), at('scheduled'))).toBe(false)
    expect(mayMovePost(as('editor', CARL), at('scheduled'))).toBe(true)
  })
  it('moves nothing that is out or going out', () => {
    for (const state of ['published', 'failed', 'withdrawn'] as const)
      expect(mayMovePost(as('admin', ANNA), at(state))).toBe(false)
  })
})

describe('what counts as approved', () => {
  it.each([
    ['draft', null, false],
    ['in_review', null, false],
    ['approved', '2026-12-03T09:00:00Z', true],
    ['scheduled', '2026-12-03T09:00:00Z', true],
    ['failed', '2026-12-03T09:00:00Z', true],
    ['failed', null, false],
    ['published', '2026-12-03T09:00:00Z', false],
  ] as const)('%s approved at %s → %s', (state, approvedAt, expected) => {
    expect(isApproved({ state, approvedAt })).toBe(expected)
  })
})

describe('who edited the version under review', () => {
  const edited = (actorId: string, ...fields: NonNullable<ReviewEvent['details']['fields']>) =>
    ({ kind: 'edited', actorId, details: { fields } }) as ReviewEvent
  const approved: ReviewEvent = { kind: 'approved', actorId: CARL, details: {} }

  it('names whoever changed the content since the last approval', () => {
    expect(
      editorsUnderReview([
        { kind: 'created', actorId: ANNA, details: {} },
        edited(BO, 'text'),
        approved,
        edited(ANNA, 'alt'),
        edited(CARL, 'channels', 'tags'),
      ]),
    ).toEqual([ANNA, CARL])
  })

  it('leaves out planning changes and Torget’s own acts', () => {
    expect(
      editorsUnderReview([
        edited(BO, 'tags', 'plannedAt', 'audience'),
        { kind: 'failed', actorId: null, details: {} },
        { kind: 'submitted', actorId: CARL, details: {} },
      ]),
    ).toEqual([])
  })
})

describe('approving with and without a second person', () => {
  it('refuses the author and whoever edited only when the library asks for it', () => {
    expect(approvalRefusal(as('editor', ANNA), post, [], ON)).toBe('self_approval_not_allowed')
    expect(approvalRefusal(as('editor', BO), post, [BO], ON)).toBe('own_edit_approval_not_allowed')
    expect(approvalRefusal(as('editor', CARL), post, [BO], ON)).toBeNull()
    expect(approvalRefusal(as('editor', ANNA), post, [ANNA], OFF)).toBeNull()
  })

  it('schedules what is approved; the author approves by scheduling unless a second person is asked for', () => {
    const draft = { ...post, state: 'draft' as const, approvedAt: null }
    const approvedPost = { ...post, state: 'approved' as const, approvedAt: '2026-12-03T09:00Z' }
    expect(approvalForSchedule(as('editor', BO), approvedPost, [], ON)).toBe('approved')
    expect(approvalForSchedule(as('editor', ANNA), draft, [], OFF)).toBe('approves')
    expect(approvalForSchedule(as('editor', ANNA), draft, [], ON)).toBe('self_approval_not_allowed')
    expect(approvalForSchedule(as('editor', BO), draft, [BO], ON)).toBe(
      'own_edit_approval_not_allowed',
    )
    expect(approvalForSchedule(as('editor', CARL), draft, [], ON)).toBe('post_not_approved')
    expect(approvalForSchedule(as('editor', BO), draft, [BO], OFF)).toBe('post_not_approved')
  })
})

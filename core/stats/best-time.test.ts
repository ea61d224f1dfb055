import { describe, expect, it } from 'vitest'
import { BEST_TIME_MIN_INTERACTIONS, BEST_TIME_MIN_POSTS, bestTime } from './best-time.js'

const posts = (hour: number, count: number, engagements: number) =>
  Array.from({ length: count }, () => ({ hour, engagements }))

describe('the best time to post', () => {
  it('names the hours whose own posts did best, each with at least three posts', () => {
    const result = bestTime({
      posts: [...posts(8, 8, 4), ...posts(12, 6, 9), ...posts(19, 4, 12), ...posts(22, 2, 50)],
      audience: [],
    })
    expect(result.basis).toBe('own_posts')
    // 22:00 did best but on two posts only: not enough to recommend.
    expect(result.recommended).toEqual([19, 12, 8])
    expect(result.hours[12]).toEqual({ hour: 12, posts: 6, value: 9 })
  })

  it('falls back to when the audience is active while the library has few posts, and says so', () => {
    const result = bestTime({
      posts: posts(9, BEST_TIME_MIN_POSTS - 1, 3),
      audience: [
        { hour: 20, count: 60 },
        { hour: 7, count: 30 },
        { hour: 13, count: BEST_TIME_MIN_INTERACTIONS },
      ],
    })
    expect([result.basis, result.recommended]).toEqual(['audience', [13, 20, 7]])
  })

  it('gives general advice, marked as such, with too little history of either', () => {
    const result = bestTime({ posts: [], audience: [{ hour: 10, count: 5 }] })
    expect(result).toMatchObject({
      basis: 'general',
      recommended: [12, 19, 8],
      postsConsidered: 0,
      interactionsConsidered: 5,
    })
  })
})

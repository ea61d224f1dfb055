import { describe, expect, it } from 'vitest'
import { ratioBounds, reshapedSize } from './aspect.js'
import { INSTAGRAM_LIMITS, MASTODON_DEFAULT_LIMITS } from './limits.js'
import { fitProblems } from './post-fit.js'

const bounds = ratioBounds([INSTAGRAM_LIMITS, MASTODON_DEFAULT_LIMITS])!

describe('reshaping an image to the shape Instagram takes', () => {
  it('takes its bounds only from the channels that limit the shape', () => {
    expect(bounds).toEqual({ min: 0.8, max: 1.91 })
    expect(ratioBounds([MASTODON_DEFAULT_LIMITS])).toBeUndefined()
  })

  it('pads or crops every refused size to one the composer and the server then accept', () => {
    let refused = 0
    for (let width = 1; width <= 400; width += 7)
      for (let height = 1; height <= 400; height += 11) {
        const before = fitProblems('', [{ width, height }], INSTAGRAM_LIMITS)
        const shaped = ['pad_white', 'pad_blur', 'crop'].map((mode) =>
          reshapedSize(width, height, bounds, mode as 'crop'),
        )
        if (before.every((p) => p.code !== 'aspect_ratio')) continue
        refused++
        for (const size of shaped) {
          expect(size).toBeDefined()
          expect(fitProblems('', [size!], INSTAGRAM_LIMITS)).toEqual([])
        }
      }
    expect(refused).toBeGreaterThan(100)
  })

  it('keeps the whole image when padding and its centre when cropping', () => {
    expect(reshapedSize(50, 100, bounds, 'pad_white')).toEqual({ width: 80, height: 100 })
    expect(reshapedSize(50, 100, bounds, 'crop')).toEqual({ width: 50, height: 62 })
    expect(reshapedSize(300, 100, bounds, 'pad_blur')).toEqual({ width: 300, height: 158 })
    expect(reshapedSize(300, 100, bounds, 'crop')).toEqual({ width: 191, height: 100 })
    expect(reshapedSize(100, 100, bounds, 'crop')).toBeUndefined()
  })
})

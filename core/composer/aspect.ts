import type { NetworkLimits } from './limits.js'

/** How an image of the wrong shape is made to fit: padded (white or blurred edges) or cropped. */
export const RESHAPE_MODES = ['pad_white', 'pad_blur', 'crop'] as const
export type ReshapeMode = (typeof RESHAPE_MODES)[number]

export interface RatioBounds {
  /** Width ÷ height, at least (Instagram: 4:5). */
  min: number
  /** Width ÷ height, at most (Instagram: 1.91:1). */
  max: number
}

/** The shapes every chosen channel takes; undefined when none of them limits the shape. */
export function ratioBounds(limits: readonly NetworkLimits[]): RatioBounds | undefined {
  const limited = limits.filter(
    (l) => l.minAspectRatio !== undefined && l.maxAspectRatio !== undefined,
  )
  if (limited.length === 0) return undefined
  return {
    min: Math.max(...limited.map((l) => l.minAspectRatio!)),
    max: Math.min(...limited.map((l) => l.maxAspectRatio!)),
  }
}

/**
 * The size an image gets when padded or cropped to the nearest allowed shape:
 * a too-wide image gets taller edges (pad) or loses its sides (crop), a
 * too-tall one the other way round. Rounded so the result is inside the
 * bounds exactly. Undefined when the image fits already.
 */
export function reshapedSize(
  width: number,
  height: number,
  bounds: RatioBounds,
  mode: ReshapeMode,
): { width: number; height: number } | undefined {
  const ratio = width / height
  const pad = mode !== 'crop'
  if (ratio > bounds.max)
    return pad
      ? { width, height: Math.ceil(width / bounds.max) }
      : { width: Math.floor(height * bounds.max), height }
  if (ratio < bounds.min)
    return pad
      ? { width: Math.ceil(height * bounds.min), height }
      : { width, height: Math.floor(width / bounds.min) }
  return undefined
}

import { z } from 'zod'

/** A network's limits for one account, read live where the network exposes them. */
export const networkLimitsSchema = z.object({
  maxCharacters: z.number().int().positive(),
  /** Bluesky also limits UTF-8 bytes. */
  maxBytes: z.number().int().positive().optional(),
  /** How characters are counted: graphemes (Bluesky) or code points with URLs at a fixed weight (Mastodon). */
  counting: z.enum(['graphemes', 'mastodon']),
  /** Mastodon counts every URL as this many characters. */
  charactersReservedPerUrl: z.number().int().nonnegative().optional(),
  maxImages: z.number().int().nonnegative(),
  maxImageBytes: z.number().int().positive(),
  maxAltTextCharacters: z.number().int().positive(),
})
export type NetworkLimits = z.infer<typeof networkLimitsSchema>

export const BLUESKY_LIMITS: NetworkLimits = {
  maxCharacters: 300,
  maxBytes: 3000,
  counting: 'graphemes',
  maxImages: 4,
  maxImageBytes: 1_000_000,
  maxAltTextCharacters: 2000,
}

/** Övningskanalen counts as Mastodon does, so practice feels like the networks the library uses. */
export const PRACTICE_LIMITS: NetworkLimits = {
  maxCharacters: 500,
  counting: 'mastodon',
  charactersReservedPerUrl: 23,
  maxImages: 4,
  maxImageBytes: 16 * 1024 * 1024,
  maxAltTextCharacters: 1500,
}

/** Mastodon's defaults; each instance's own come from /api/v2/instance. */
export const MASTODON_DEFAULT_LIMITS: NetworkLimits = {
  maxCharacters: 500,
  counting: 'mastodon',
  charactersReservedPerUrl: 23,
  maxImages: 4,
  maxImageBytes: 16 * 1024 * 1024,
  maxAltTextCharacters: 1500,
}

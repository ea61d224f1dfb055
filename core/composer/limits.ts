import { z } from 'zod'

/** A network's limits for one account, read live where the network exposes them. */
export const networkLimitsSchema = z.object({
  maxCharacters: z.number().int().positive(),
  /** Bluesky also limits UTF-8 bytes. */
  maxBytes: z.number().int().positive().optional(),
  /**
   * How characters are counted: graphemes (Bluesky), graphemes with URLs at a fixed weight
   * (Mastodon), or graphemes with each emoji as its UTF-8 bytes (Threads).
   */
  counting: z.enum(['graphemes', 'mastodon', 'threads']),
  /** Mastodon counts every URL as this many characters. */
  charactersReservedPerUrl: z.number().int().nonnegative().optional(),
  maxImages: z.number().int().nonnegative(),
  maxImageBytes: z.number().int().positive(),
  maxAltTextCharacters: z.number().int().positive(),
  /** A post must carry at least this many images (Instagram: 1). */
  minImages: z.number().int().nonnegative().optional(),
  maxHashtags: z.number().int().nonnegative().optional(),
  maxMentions: z.number().int().nonnegative().optional(),
  /** Width ÷ height an image may have (Instagram's feed: 4:5 to 1.91:1). */
  minAspectRatio: z.number().positive().optional(),
  maxAspectRatio: z.number().positive().optional(),
  /** Posts the network takes from an account in any 24 hours (Instagram's content publishing limit). */
  maxPostsPerDay: z.number().int().positive().optional(),
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

/** Mastodon's defaults; each instance's own come from /api/v2/instance. */
export const MASTODON_DEFAULT_LIMITS: NetworkLimits = {
  maxCharacters: 500,
  counting: 'mastodon',
  charactersReservedPerUrl: 23,
  maxImages: 4,
  maxImageBytes: 16 * 1024 * 1024,
  maxAltTextCharacters: 1500,
}

/** Övningskanalen counts as Mastodon does, so practice feels like the networks the library uses. */
export const PRACTICE_LIMITS: NetworkLimits = MASTODON_DEFAULT_LIMITS

/**
 * A Page post: the Graph API states no practical text limit for a Page feed post
 * beyond Facebook's own 63,206 characters; up to 10 photos attached as
 * attached_media (Torget's choice, matching the composer's promise).
 */
export const FACEBOOK_LIMITS: NetworkLimits = {
  maxCharacters: 63_206,
  counting: 'graphemes',
  maxImages: 10,
  maxImageBytes: 4 * 1024 * 1024,
  maxAltTextCharacters: 1000,
}

/**
 * Instagram's feed: caption 2,200 characters, 30 hashtags, 20 @-mentions; an
 * image is required, a carousel has 2–10; JPEG up to 8 MB, aspect ratio 4:5 to
 * 1.91:1 (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media).
 */
export const INSTAGRAM_LIMITS: NetworkLimits = {
  maxCharacters: 2200,
  counting: 'graphemes',
  maxImages: 10,
  minImages: 1,
  maxImageBytes: 8 * 1024 * 1024,
  maxAltTextCharacters: 1000,
  maxHashtags: 30,
  maxMentions: 20,
  minAspectRatio: 4 / 5,
  maxAspectRatio: 1.91,
  maxPostsPerDay: 25,
}

/**
 * Threads: "Text posts are limited to 500 characters. Emojis are counted as the
 * number of UTF-8 bytes"; a carousel up to 20 items
 * (developers.facebook.com/documentation/threads/posts).
 */
export const THREADS_LIMITS: NetworkLimits = {
  maxCharacters: 500,
  counting: 'threads',
  maxImages: 20,
  maxImageBytes: 8 * 1024 * 1024,
  maxAltTextCharacters: 1000,
}

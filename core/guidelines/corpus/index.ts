import { ACCESSIBILITY_POSTS } from './posts-accessibility.js'
import { BOOK_POSTS } from './posts-books.js'
import { EVENT_POSTS } from './posts-events.js'
import { PERSONAL_DATA_POSTS } from './posts-personal-data.js'
import { SERVICE_POSTS } from './posts-service.js'
import { TONE_POSTS } from './posts-tone.js'

export { CORPUS_POLICY } from './policy.js'
export { CORPUS_STREAMS } from './streams.js'
export { HELD_OUT_POSTS } from './held-out/posts.js'
export type { CorpusPost, CorpusStream } from './types.js'

/**
 * Swedish sample posts written for Torget, each labelled with the rules that
 * should fire: the set the rules are tuned on. The held-out posts
 * (`held-out/`) are kept apart and never joined to it.
 */
export const TUNING_POSTS = [
  ...EVENT_POSTS,
  ...BOOK_POSTS,
  ...SERVICE_POSTS,
  ...PERSONAL_DATA_POSTS,
  ...ACCESSIBILITY_POSTS,
  ...TONE_POSTS,
]

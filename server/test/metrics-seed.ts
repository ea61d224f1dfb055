import { BLUESKY_LIMITS } from '../../core/composer/limits.js'
import type { Db } from '../db/database.js'
import { createRepos } from '../repos/index.js'
import { newPublicationRow } from '../repos/publications-repo.js'
import { newId } from '../security/tokens.js'

/** A library with one member and one channel, straight into the database (repository tests). */
export async function seedLibrary(
  db: Db,
  options: { timeZone?: string; network?: string; now?: string } = {},
) {
  const repos = createRepos(db)
  const now = options.now ?? new Date().toISOString()
  const libraryId = newId()
  const userId = newId()
  await repos.users.insert({
    id: userId,
    email: `${userId}@bibliotek.test`,
    name: 'A',
    passwordHash: 'x',
    locale: 'sv',
    isInstanceAdmin: false,
    now,
  })
  await repos.libraries.insert({
    id: libraryId,
    name: 'Bibliotek',
    timeZone: options.timeZone ?? 'Europe/Stockholm',
    locale: 'sv',
    now,
  })
  const addChannel = async (network = options.network ?? 'bluesky') => {
    const channelId = newId()
    await repos.channels.insert({
      id: channelId,
      library_id: libraryId,
      network,
      account_remote_id: `did:plc:${channelId}`,
      handle: `${channelId}.test`,
      display_name: 'Stadsbiblioteket',
      profile_url: '',
      credentials: 'sealed',
      limits: JSON.stringify(BLUESKY_LIMITS),
      health: 'ok',
      health_code: null,
      checked_at: now,
      created_by: userId,
      created_at: now,
      deleted_at: null,
    })
    return channelId
  }
  const channelId = await addChannel()

  /** A post published on the channel at `publishedAt`, as the publishing loop leaves it. */
  async function published(publishedAt: string, channel = channelId): Promise<string> {
    const postId = newId()
    const id = newId()
    await repos.posts.insert({
      id: postId,
      library_id: libraryId,
      author_id: userId,
      text: 'Sagostund på lördag',
      variants: '{}',
      state: 'published',
      scheduled_at: publishedAt,
      version: 1,
      created_at: publishedAt,
      updated_at: publishedAt,
    })
    await repos.publications.insert({
      ...newPublicationRow({
        id,
        libraryId,
        postId,
        channelId: channel,
        state: 'pending',
        dueAt: publishedAt,
        now: publishedAt,
      }),
      state: 'published',
      remote_id: `at://did:plc:${channel}/app.bsky.feed.post/${id}`,
      remote_url: `https://bsky.app/profile/x/post/${id}`,
      published_at: publishedAt,
    })
    return id
  }

  return { libraryId, userId, channelId, addChannel, published }
}

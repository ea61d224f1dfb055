import { DomainError } from '../../core/errors.js'
import type { PostLanguageCode } from '../../core/languages.js'
import type { Network, Post, PostState, PublicationState } from '../../core/schemas/index.js'
import type { PostRow } from '../repos/posts-repo.js'
import type { Repos } from '../repos/index.js'

const STUCK_AFTER_MS = 60_000

type PostViewRow = PostRow & { author_name: string; approver_name?: string | null }

/**
 * Posts as the API shows them: with their images and, per channel, the
 * publication's state. A publication due or in flight for over a minute
 * without an outcome is flagged as stuck.
 */
export async function assemblePosts(
  repos: Repos,
  libraryId: string,
  rows: PostViewRow[],
): Promise<Post[]> {
  const ids = rows.map((r) => r.id)
  const [images, publications] = await Promise.all([
    repos.posts.images(libraryId, ids),
    repos.publications.forPosts(libraryId, ids),
  ])
  const now = Date.now()
  return rows.map((row) =>
    postOf(
      row,
      images.filter((i) => i.post_id === row.id).map(imageOf),
      publications.filter((p) => p.post_id === row.id).map((p) => publicationOf(p, now)),
    ),
  )
}

function imageOf(i: Awaited<ReturnType<Repos['posts']['images']>>[number]): Post['images'][number] {
  return {
    id: i.id,
    mimeType: i.mime_type,
    width: i.width,
    height: i.height,
    byteSize: i.byte_size,
    alt: i.alt,
  }
}

function publicationOf(
  p: Awaited<ReturnType<Repos['publications']['forPosts']>>[number],
  now: number,
): Post['publications'][number] {
  return {
    id: p.id,
    channelId: p.channel_id,
    network: p.network as Network,
    channelHandle: p.handle,
    state: p.state as PublicationState,
    dueAt: p.due_at,
    attempts: p.attempts,
    url: p.remote_url,
    errorKind: p.error_kind,
    errorCode: p.error_code,
    errorMessage: p.error_message,
    publishedAt: p.published_at,
    stuck:
      (p.state === 'in_flight' &&
        !!p.attempt_started_at &&
        now - Date.parse(p.attempt_started_at) > STUCK_AFTER_MS) ||
      (p.state === 'pending' && now - Date.parse(p.due_at) > STUCK_AFTER_MS),
  }
}

function postOf(
  row: PostViewRow,
  images: Post['images'],
  publications: Post['publications'],
): Post {
  return {
    id: row.id,
    text: row.text,
    variants: JSON.parse(row.variants),
    language: row.language as PostLanguageCode,
    channelIds: publications.filter((p) => p.state !== 'cancelled').map((p) => p.channelId),
    state: row.state as PostState,
    scheduledAt: row.scheduled_at,
    plannedAt: row.planned_at,
    assigneeId: row.assignee_id,
    audience: row.audience,
    tags: JSON.parse(row.tags) as string[],
    campaignId: row.campaign_id,
    paidBoost: row.paid_boost === 1,
    approvedBy: row.approved_by,
    approvedByName: row.approver_name ?? null,
    approvedAt: row.approved_at,
    version: row.version,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    images,
    publications,
  }
}

export async function loadPost(repos: Repos, libraryId: string, postId: string): Promise<Post> {
  const row = await repos.posts.find(libraryId, postId)
  if (!row) throw new DomainError('post_not_found')
  return (await assemblePosts(repos, libraryId, [row]))[0]!
}

/**
 * The post as a step has just left it, read in the step's transaction: the
 * row again, and the publications again when the step changed them; the
 * images are those read before it, as no step but the image service's
 * changes them. One or two reads where the whole view takes three.
 */
export async function reloadPost(
  repos: Repos,
  libraryId: string,
  before: Pick<Post, 'id' | 'images' | 'publications'>,
  changed: { publications: boolean },
): Promise<Post> {
  const [row, publications] = await Promise.all([
    repos.posts.find(libraryId, before.id),
    changed.publications
      ? repos.publications.forPosts(libraryId, [before.id])
      : Promise.resolve(undefined),
  ])
  if (!row) throw new DomainError('post_not_found')
  const now = Date.now()
  return postOf(
    row,
    before.images,
    publications?.map((p) => publicationOf(p, now)) ?? before.publications,
  )
}

import { z } from 'zod'
import { PRACTICE_LIMITS } from '../../../core/composer/limits.js'
import { PRACTICE_LESSONS, audienceFor, pickLine } from '../../../core/practice/personas.js'
import {
  type ChannelAccount,
  type ChannelAdapter,
  type ChannelCredentials,
  ChannelError,
} from '../channels/channel-adapter.js'
import type { Interaction } from '../channels/interactions.js'
import type { PostMetricsResult } from '../channels/metrics.js'
import type { PracticeBoard, PracticeMessage } from './practice-board.js'

const credentialsSchema = z.object({ library: z.string().min(1) })

function libraryOf(credentials: ChannelCredentials): string {
  const parsed = credentialsSchema.safeParse(credentials)
  if (!parsed.success) throw new ChannelError('permanent', 'auth_revoked', 'not a practice channel')
  return parsed.data.library
}

function account(libraryId: string): ChannelAccount {
  return {
    remoteId: `practice:${libraryId}`,
    handle: 'ovningskanalen',
    displayName: 'Övningskanalen',
    profileUrl: '',
  }
}

const POST_PREFIX = 'practice:post:'
const OVERLAP = 20
/** A persona message's remote id carries its lesson, so the path can tell what was answered. */
export function messageRemoteId(m: Pick<PracticeMessage, 'id' | 'kind' | 'lesson'>): string {
  return `practice:${m.lesson ?? m.kind}:${m.id}`
}
export function lessonOfRemoteId(remoteId: string): string | undefined {
  return remoteId.startsWith('practice:') ? remoteId.split(':')[1] : undefined
}
function messageIdOf(remoteId: string): string {
  return remoteId.split(':').slice(2).join(':')
}

function toInteraction(libraryId: string, m: PracticeMessage): Interaction {
  const remoteId = messageRemoteId(m)
  return {
    kind: m.kind,
    remoteId,
    author: {
      remoteId: `persona:${m.persona}`,
      handle: `${m.persona}.ovning`,
      displayName: m.personaName,
      profileUrl: '',
    },
    text: m.text,
    url: '',
    createdAt: m.createdAt,
    ...(m.subjectRemoteId && { subjectRemoteId: m.subjectRemoteId }),
    ...(m.parentRemoteId && { parentRemoteId: m.parentRemoteId }),
    ...(m.subjectRemoteId && { rootRemoteId: m.subjectRemoteId }),
    ...(m.kind === 'reply' && { replyTarget: { library: libraryId, message: m.id } }),
  }
}

/**
 * Övningskanalen: a channel module whose "network" is Torget's own tables. It
 * is given no outbound client at all, so nothing published here can leave
 * Torget. A practice post is answered by the practice personas (a question, a
 * complaint, a personal matter, and likes), which ingest then reads through
 * the same path as any network's replies.
 */
export function createPracticeAdapter(deps: {
  board: PracticeBoard
  now?: () => Date
}): ChannelAdapter {
  const { board } = deps
  const now = deps.now ?? (() => new Date())

  async function reactions(libraryId: string, remoteId: string, publicationId: string) {
    const n = await board.postCount(libraryId)
    const own = await board.ownLines(libraryId)
    const start = now().getTime()
    const at = (i: number) => new Date(start + i * 1000).toISOString()
    const base = { subjectRemoteId: remoteId, parentRemoteId: remoteId }
    const replies: PracticeMessage[] = PRACTICE_LESSONS.map((lesson, i) => {
      const line = pickLine(lesson, own, n - 1)
      return {
        id: `${publicationId}-${lesson}`,
        seq: 0,
        kind: 'reply',
        lesson,
        persona: line.persona,
        personaName: line.personaName,
        text: line.text,
        createdAt: at(i + 1),
        ...base,
      }
    })
    const likes: PracticeMessage[] = replies.slice(0, 2).map((r, i) => ({
      ...r,
      id: `${publicationId}-like-${r.persona}`,
      kind: 'like',
      lesson: null,
      text: '',
      createdAt: at(i + 4),
    }))
    const follow: PracticeMessage = {
      ...likes[0]!,
      id: `${libraryId}-follow-${likes[0]!.persona}`,
      kind: 'follow',
      subjectRemoteId: null,
      parentRemoteId: null,
      createdAt: at(6),
    }
    const audience = audienceFor(n - 1)
    const liked: PracticeMessage[] = audience.likers.map((a, i) => ({
      ...likes[0]!,
      id: `${publicationId}-like-${a.persona}`,
      persona: a.persona,
      personaName: a.personaName,
      createdAt: at(7 + i),
    }))
    const arrived: PracticeMessage[] = audience.newcomer
      ? [
          {
            ...follow,
            id: `${libraryId}-follow-${audience.newcomer.persona}`,
            persona: audience.newcomer.persona,
            personaName: audience.newcomer.personaName,
            createdAt: at(7 + liked.length),
          },
        ]
      : []
    await board.addMessages(libraryId, [...replies, ...likes, follow, ...liked, ...arrived])
  }

  return {
    network: 'practice',
    async connect(input) {
      const library = libraryOf(input)
      return { account: account(library), credentials: { library }, limits: PRACTICE_LIMITS }
    },
    async verify(credentials) {
      return { account: account(libraryOf(credentials)), limits: PRACTICE_LIMITS }
    },
    async publish(credentials, post) {
      const libraryId = libraryOf(credentials)
      const parent = post.replyTo?.message
      // Published again (an attempt whose outcome was unknown): the first post, answered once.
      const { post: stored, created } = await board.publish(libraryId, {
        remoteId: `${POST_PREFIX}${post.publicationId}`,
        publicationId: post.publicationId,
        text: post.text,
        images: post.images.length,
        parentRemoteId: parent ?? null,
        createdAt: now().toISOString(),
      })
      if (created && !parent) await reactions(libraryId, stored.remoteId, post.publicationId)
      return { remoteId: stored.remoteId, url: '' }
    },
    async lookup(credentials, query) {
      const found = await board.findByPublication(libraryOf(credentials), query.publicationId)
      return found ? { remoteId: found.remoteId, url: '' } : undefined
    },
    async delete(credentials, published) {
      await board.deletePost(libraryOf(credentials), published.remoteId, now().toISOString())
    },
    interactions: {
      async read(credentials, { cursor, limit, since }) {
        const libraryId = libraryOf(credentials)
        const afterSeq = Number(cursor ?? 0) || 0
        // A few already read are read again: a message whose transaction committed after a later
        // one's would otherwise be passed over for good. Ingest drops what it has by its id.
        const rows = await board.read(
          libraryId,
          Math.max(0, afterSeq - OVERLAP),
          since.toISOString(),
          limit + OVERLAP,
        )
        const newest = rows.reduce((n, m) => Math.max(n, m.seq), afterSeq)
        return {
          interactions: rows.map((m) => toInteraction(libraryId, m)),
          cursor: String(newest),
          more: rows.filter((m) => m.seq > afterSeq).length >= limit,
        }
      },
      async recheck(credentials, remoteIds) {
        const found = await board.messages(libraryOf(credentials), remoteIds.map(messageIdOf))
        const byId = new Map(found.map((m) => [messageRemoteId(m), m]))
        return new Map(
          remoteIds.map((r) => {
            const m = byId.get(r)
            return [
              r,
              m ? { state: 'present' as const, text: m.text } : { state: 'deleted' as const },
            ]
          }),
        )
      },
      async moderate(credentials, { action, target }) {
        const libraryId = libraryOf(credentials)
        const at = now().toISOString()
        if (action === 'hide_reply')
          await board.setHidden(libraryId, messageIdOf(target.remoteId), at)
        else if (action === 'block')
          await board.setBlocked(libraryId, target.author.remoteId.replace(/^persona:/, ''), at)
        else throw new ChannelError('permanent', 'not_supported', `${action} is not offered here`)
      },
      async undoModeration(credentials, { action, target }) {
        const libraryId = libraryOf(credentials)
        if (action === 'hide_reply')
          await board.setHidden(libraryId, messageIdOf(target.remoteId), null)
        else if (action === 'block')
          await board.setBlocked(libraryId, target.author.remoteId.replace(/^persona:/, ''), null)
      },
    },
    metrics: {
      async accountMetrics(credentials) {
        const libraryId = libraryOf(credentials)
        return {
          followers: await board.followers(libraryId),
          following: 0,
          posts: await board.postCount(libraryId),
        }
      },
      async postMetrics(credentials, remoteIds) {
        const counts = await board.counts(libraryOf(credentials), remoteIds)
        return new Map<string, PostMetricsResult>(
          remoteIds.map((r) => {
            const c = counts.get(r)
            return [
              r,
              c
                ? {
                    state: 'counted',
                    counts: {
                      likes: c.likes,
                      reposts: 0,
                      replies: c.replies,
                      quotes: 0,
                      views: null,
                    },
                  }
                : { state: 'gone' },
            ]
          }),
        )
      },
    },
  }
}

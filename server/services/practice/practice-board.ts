import type { PracticeLesson, PracticeLine } from '../../../core/practice/personas.js'
import type { PracticeBoard, PracticeMessage } from '../../adapters/practice/practice-board.js'
import { type Clock, systemClock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import type { PracticeMessageRow } from '../../repos/practice-repo.js'

function toMessage(r: PracticeMessageRow): PracticeMessage {
  return {
    id: r.id,
    seq: Number(r.seq),
    kind: r.kind as PracticeMessage['kind'],
    lesson: r.lesson as PracticeLesson | null,
    persona: r.persona,
    personaName: r.persona_name,
    text: r.text,
    subjectRemoteId: r.subject_remote_id,
    parentRemoteId: r.parent_remote_id,
    createdAt: r.created_at,
  }
}

/** Övningskanalen's "network", kept in Torget's own tables, as the practice adapter sees it. */
export function practiceBoard(deps: { store: StoreOf<'practice'>; clock?: Clock }): PracticeBoard {
  const repo = deps.store.repos.practice
  const clock = deps.clock ?? systemClock
  const toPost = (r: Awaited<ReturnType<typeof repo.findPostByPublication>>) =>
    r && {
      remoteId: r.remote_id,
      publicationId: r.publication_id,
      text: r.text,
      images: r.images,
      parentRemoteId: r.parent_remote_id,
      createdAt: r.created_at,
    }
  return {
    async publish(libraryId, post) {
      const created = await repo.insertPost({
        remote_id: post.remoteId,
        library_id: libraryId,
        publication_id: post.publicationId,
        text: post.text,
        images: post.images,
        parent_remote_id: post.parentRemoteId,
        created_at: post.createdAt,
        deleted_at: null,
      })
      if (created) return { post, created }
      return {
        post: toPost(await repo.findPostByPublication(libraryId, post.publicationId))!,
        created,
      }
    },
    async findByPublication(libraryId, publicationId) {
      return toPost(await repo.findPostByPublication(libraryId, publicationId))
    },
    deletePost: (libraryId, remoteId, at) => repo.deletePost(libraryId, remoteId, at),
    postCount: (libraryId) => repo.postCount(libraryId),
    async addMessages(libraryId, messages) {
      await repo.insertMessages(
        messages.map((m) => ({
          id: m.id,
          library_id: libraryId,
          kind: m.kind,
          lesson: m.lesson,
          persona: m.persona,
          persona_name: m.personaName,
          text: m.text,
          subject_remote_id: m.subjectRemoteId,
          parent_remote_id: m.parentRemoteId,
          created_at: m.createdAt,
          hidden_at: null,
          blocked_at: null,
        })),
      )
      await repo.wakeReaders(libraryId, clock.now().toISOString())
    },
    async ownLines(libraryId): Promise<PracticeLine[]> {
      return (await repo.scripts(libraryId)).map((s) => ({
        lesson: s.lesson as PracticeLesson,
        // The library's persona speaks under its own name; the key keeps it apart from the built-in ones.
        persona: `own-${s.id.slice(0, 8)}`,
        personaName: s.persona_name,
        text: s.text,
      }))
    },
    async read(libraryId, afterSeq, since, limit) {
      return (await repo.readMessages(libraryId, afterSeq, since, limit)).map(toMessage)
    },
    async messages(libraryId, ids) {
      return (await repo.messages(libraryId, ids)).map(toMessage)
    },
    setHidden: (libraryId, id, at) => repo.setHidden(libraryId, id, at),
    setBlocked: (libraryId, persona, at) => repo.setBlocked(libraryId, persona, at),
    followers: (libraryId) => repo.followers(libraryId),
    counts: (libraryId, remoteIds) => repo.counts(libraryId, remoteIds),
  }
}

import type { PracticeLesson, PracticeLine } from '../../../core/practice/personas.js'

/** A post the library made on Övningskanalen: a practice post, or an answer to a persona. */
export interface PracticePost {
  remoteId: string
  publicationId: string
  text: string
  images: number
  /** The persona message answered, when this is an answer. */
  parentRemoteId: string | null
  createdAt: string
}

/** Something a practice persona did. */
export interface PracticeMessage {
  id: string
  /** The order it was stored in (0 before it is stored). */
  seq: number
  kind: 'reply' | 'like' | 'follow'
  lesson: PracticeLesson | null
  persona: string
  personaName: string
  text: string
  /** The library's post it is about. */
  subjectRemoteId: string | null
  parentRemoteId: string | null
  createdAt: string
}

/**
 * Where Övningskanalen keeps its "network": Torget's own tables, handed to the
 * adapter by the wiring (an adapter never opens the database itself). Every
 * call names the library, the only account a practice channel has.
 */
export interface PracticeBoard {
  /** Stores a post once per publication; a second call answers the first post, not created. */
  publish(libraryId: string, post: PracticePost): Promise<{ post: PracticePost; created: boolean }>
  findByPublication(libraryId: string, publicationId: string): Promise<PracticePost | undefined>
  deletePost(libraryId: string, remoteId: string, at: string): Promise<void>
  /** How many practice posts (not answers) the library has made before. */
  postCount(libraryId: string): Promise<number>
  /** Stores what the personas did (each id once) and has ingest read the channel soon. */
  addMessages(libraryId: string, messages: readonly PracticeMessage[]): Promise<void>
  ownLines(libraryId: string): Promise<PracticeLine[]>
  /** Messages stored after `afterSeq`, in order, from personas not blocked. */
  read(
    libraryId: string,
    afterSeq: number,
    since: string,
    limit: number,
  ): Promise<PracticeMessage[]>
  messages(libraryId: string, ids: readonly string[]): Promise<PracticeMessage[]>
  setHidden(libraryId: string, messageId: string, at: string | null): Promise<void>
  setBlocked(libraryId: string, persona: string, at: string | null): Promise<void>
  followers(libraryId: string): Promise<number>
  /** Likes and replies per practice post; posts missing or deleted are left out. */
  counts(
    libraryId: string,
    remoteIds: readonly string[],
  ): Promise<Map<string, { likes: number; replies: number }>>
}

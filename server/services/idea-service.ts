import type { z } from 'zod'
import { DomainError } from '../../core/errors.js'
import { can } from '../../core/roles.js'
import type {
  createIdeaSchema,
  Idea,
  IdeaComment,
  IdeaState,
  ideaToDraftSchema,
} from '../../core/schemas/index.js'
import { type Clock, systemClock } from '../clock.js'
import { processUpload } from '../media/images.js'
import type { IdeaRow } from '../repos/ideas-repo.js'
import type { Repos, Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { excerptOf, notify } from './notification-service.js'
import { recordEvent } from './post-history.js'

type ReadAccess = LibraryAccess<'ideas.read'> | LibraryAccess<'ideas.contribute'>
type CreateInput = z.output<typeof createIdeaSchema>
type DraftInput = z.output<typeof ideaToDraftSchema>

const LIST_LIMIT = 300

/** Thrown inside the draft's transaction when another request made the draft first. */
class AlreadyDrafted extends Error {}

function toIdea(row: IdeaRow): Idea {
  return {
    id: row.id,
    text: row.text,
    book: row.book,
    link: row.link,
    event:
      row.event_id && row.event_summary !== null
        ? { id: row.event_id, summary: row.event_summary, startsAt: row.event_starts_at! }
        : null,
    state: row.state as IdeaState,
    owner: { id: row.owner_id, name: row.owner_name },
    photo:
      row.photo_width !== null
        ? { alt: row.photo_alt ?? '', width: row.photo_width, height: row.photo_height ?? 0 }
        : null,
    supporters: Number(row.supporters ?? 0),
    supportedByMe: Boolean(row.supported_by_me),
    comments: Number(row.comments ?? 0),
    draft:
      row.post_id && row.post_state !== null
        ? { postId: row.post_id, state: row.post_state, campaignId: row.post_campaign_id }
        : null,
    createdAt: row.created_at,
  }
}

/** The draft's first text: the idea and what it points at, for the writer to make a post of. */
function draftText(
  idea: { text: string; book: string | null; link: string | null },
  event?: string,
) {
  return [idea.text, idea.book, event, idea.link].filter(Boolean).join('\n\n')
}

/**
 * Tells the ideas' owners that the posts made of them are out, once, in the
 * caller's transaction. Called wherever a post's state becomes published.
 */
export async function ideaPostsPublished(
  repos: Pick<Repos, 'ideas' | 'notifications'>,
  libraryId: string,
  postIds: readonly string[],
  now: string,
): Promise<void> {
  for (const idea of await repos.ideas.markPublished(libraryId, postIds, now))
    await notify(repos, {
      libraryId,
      postId: idea.post_id,
      actorId: null,
      kind: 'idea_published',
      excerpt: excerptOf(idea.text),
      userIds: [idea.owner_id],
      at: now,
    })
}

/** The idea board: anyone adds, supports and comments; those who write posts draft from it. */
export function ideaService({ store, clock = systemClock }: { store: Store; clock?: Clock }) {
  const now = () => clock.now().toISOString()

  async function load(access: LibraryAccess, id: string): Promise<Idea> {
    const row = await store.repos.ideas.findDetailed(access.libraryId, access.userId, id)
    if (!row) throw new DomainError('idea_not_found')
    return toIdea(row)
  }

  async function existing(access: LibraryAccess, id: string) {
    const idea = await store.repos.ideas.find(access.libraryId, id)
    if (!idea) throw new DomainError('idea_not_found')
    return idea
  }

  return {
    async list(access: ReadAccess): Promise<Idea[]> {
      const rows = await store.repos.ideas.list(access.libraryId, access.userId, LIST_LIMIT)
      return rows.map(toIdea)
    },

    get: (access: ReadAccess, id: string) => load(access, id),

    /** The idea a post was made of: the post page shows whose it was. */
    async ofPost(access: ReadAccess, postId: string): Promise<Idea | null> {
      const row = await store.repos.ideas.findByPost(access.libraryId, access.userId, postId)
      return row ? toIdea(row) : null
    },

    /** Its owner, or someone who decides over ideas, takes it off the board; a draft made of it stays. */
    async remove(access: LibraryAccess<'ideas.contribute'>, id: string): Promise<void> {
      const idea = await existing(access, id)
      if (idea.owner_id !== access.userId && !can(access.role, 'ideas.manage'))
        throw new DomainError('idea_not_yours')
      await store.repos.ideas.delete(access.libraryId, id)
    },

    async create(access: LibraryAccess<'ideas.contribute'>, input: CreateInput): Promise<Idea> {
      if (input.eventId && !(await store.repos.events.find(access.libraryId, input.eventId)))
        throw new DomainError('event_not_found')
      const id = newId()
      const at = now()
      await store.repos.ideas.insert({
        id,
        library_id: access.libraryId,
        owner_id: access.userId,
        text: input.text,
        book: input.book,
        link: input.link,
        event_id: input.eventId ?? null,
        state: 'new',
        post_id: null,
        drafted_by: null,
        drafted_at: null,
        published_at: null,
        created_at: at,
        updated_at: at,
      })
      return load(access, id)
    },

    /** The photo goes through the same pipeline as a post's: checked, turned upright, EXIF gone. */
    async setPhoto(
      access: LibraryAccess<'ideas.contribute'>,
      id: string,
      bytes: Uint8Array,
      alt: string,
    ): Promise<Idea> {
      const idea = await existing(access, id)
      if (idea.owner_id !== access.userId && !can(access.role, 'ideas.manage'))
        throw new DomainError('idea_not_yours')
      const image = await processUpload(bytes)
      await store.transaction((repos) =>
        repos.ideas.putPhoto({
          idea_id: id,
          library_id: access.libraryId,
          mime_type: image.mimeType,
          width: image.width,
          height: image.height,
          byte_size: image.data.length,
          data: image.data,
          alt,
          created_at: now(),
        }),
      )
      return load(access, id)
    },

    async photo(access: ReadAccess, id: string) {
      const photo = await store.repos.ideas.photo(access.libraryId, id)
      if (!photo) throw new DomainError('image_not_found')
      return { data: photo.data, mimeType: photo.mime_type }
    },

    /** One support per member: supporting again changes nothing. */
    async support(
      access: LibraryAccess<'ideas.contribute'>,
      id: string,
      supported: boolean,
    ): Promise<Idea> {
      await existing(access, id)
      if (supported) await store.repos.ideas.support(access.libraryId, id, access.userId, now())
      else await store.repos.ideas.unsupport(access.libraryId, id, access.userId)
      return load(access, id)
    },

    async comments(access: ReadAccess, id: string): Promise<IdeaComment[]> {
      await existing(access, id)
      return (await store.repos.ideas.comments(access.libraryId, id)).map((c) => ({
        id: c.id,
        authorId: c.author_id,
        authorName: c.author_name,
        text: c.text,
        createdAt: c.created_at,
      }))
    },

    async comment(
      access: LibraryAccess<'ideas.contribute'>,
      id: string,
      text: string,
    ): Promise<IdeaComment[]> {
      await existing(access, id)
      await store.repos.ideas.insertComment({
        id: newId(),
        library_id: access.libraryId,
        idea_id: id,
        author_id: access.userId,
        text,
        created_at: now(),
      })
      return this.comments(access, id)
    },

    async setState(
      access: LibraryAccess<'ideas.manage'>,
      id: string,
      state: IdeaState,
    ): Promise<Idea> {
      await existing(access, id)
      await store.repos.ideas.setState(access.libraryId, id, state, now())
      return load(access, id)
    },

    /**
     * Makes a draft of the idea, its photo and alt text with it, and tells
     * the idea's owner. Asked twice, even at the same moment, it makes one
     * draft: the idea's link to its post is written only while empty, in the
     * same transaction as the post, so the second request's post is rolled back
     * and it answers with the first one's draft.
     */
    async toDraft(
      access: LibraryAccess<'posts.write'>,
      id: string,
      input: DraftInput,
    ): Promise<Idea> {
      const at = now()
      try {
        await store.transaction(async (repos) => {
          const idea = await repos.ideas.find(access.libraryId, id)
          if (!idea) throw new DomainError('idea_not_found')
          if (idea.post_id) throw new AlreadyDrafted()
          if (
            input.campaignId &&
            !(await repos.campaigns.exists(access.libraryId, input.campaignId))
          )
            throw new DomainError('campaign_not_found')
          const event = idea.event_id
            ? await repos.events.find(access.libraryId, idea.event_id)
            : undefined
          const library = await repos.libraries.findById(access.libraryId)
          const postId = newId()
          await repos.posts.insert({
            id: postId,
            library_id: access.libraryId,
            author_id: access.userId,
            text: draftText(idea, event?.summary),
            variants: '{}',
            ...(library && { language: library.locale }),
            state: 'draft',
            scheduled_at: null,
            version: 1,
            planned_at: null,
            assignee_id: null,
            audience: null,
            campaign_id: input.campaignId ?? null,
            created_at: at,
            updated_at: at,
          })
          const photo = await repos.ideas.photo(access.libraryId, id)
          if (photo)
            await repos.posts.insertImage({
              id: newId(),
              library_id: access.libraryId,
              post_id: postId,
              position: 0,
              mime_type: photo.mime_type,
              width: photo.width,
              height: photo.height,
              byte_size: photo.byte_size,
              data: photo.data,
              alt: photo.alt,
              created_at: at,
            })
          if (!(await repos.ideas.claimDraft(access.libraryId, id, postId, access.userId, at)))
            throw new AlreadyDrafted()
          const event_ = { libraryId: access.libraryId, postId, actorId: access.userId, at }
          await recordEvent(repos, { ...event_, kind: 'created' })
          await notify(repos, {
            ...event_,
            kind: 'idea_drafted',
            excerpt: excerptOf(idea.text),
            userIds: [idea.owner_id],
          })
        })
      } catch (error) {
        if (!(error instanceof AlreadyDrafted)) throw error
      }
      return load(access, id)
    },
  }
}
export type IdeaService = ReturnType<typeof ideaService>

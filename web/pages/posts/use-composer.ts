import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReshapeMode } from '../../../core/composer/aspect.js'
import type { Channel, Post, PostImage } from '../../../core/schemas/index.js'
import { approvePost, historyQuery, returnPost, submitPost } from '../../api/approval.js'
import {
  addImage,
  createPost,
  deletePost,
  postQuery,
  removeImage,
  reshapeImage,
  schedulePost,
  setImageAlt,
  updatePost,
} from '../../api/posts.js'
import { useErrorMessage } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { focusHeadingAfterChange, focusWhenReady } from './heading-focus.js'
import {
  changes,
  contentOf,
  draftOf,
  edited,
  savedOf,
  touchesContent,
  type Draft,
} from './draft.js'

// An element to focus once the composer opens on the post's own page (after a new post was
// first saved there), e.g. the alt text of the image just added.
let focusOnOpen: string | undefined

export function takeFocusOnOpen(): string | undefined {
  const id = focusOnOpen
  focusOnOpen = undefined
  return id
}

export const altFieldId = (imageId: string) => `alt-${imageId}`

// One empty list for every render: the guideline checks run again only when the images change.
const NO_IMAGES: PostImage[] = []

type Saved = { post: Post; created: boolean }

/** The new post was saved, but what came after (an image, scheduling) failed. */
class FailedAfterCreate extends Error {
  constructor(
    readonly post: Post,
    override readonly cause: unknown,
  ) {
    super('failed after the post was created', { cause })
    this.name = 'FailedAfterCreate'
  }
}

/**
 * The composer's state and the steps that save it. A new post is created on
 * its first save (also when an image is added or it is scheduled) and the
 * page then moves to the post's own address.
 */
export function useComposer({
  libraryId,
  post,
  channels,
  defaultLanguage,
}: {
  libraryId: string
  post: Post | undefined
  channels: Channel[]
  /** A new post's language: the library's. */
  defaultLanguage: string
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const errorMessage = useErrorMessage()
  const [draft, setDraft] = useState<Draft>(() => draftOf(post, channels, defaultLanguage))
  const [saved, setSaved] = useState(() => savedOf(post, channels, defaultLanguage))
  // The post as this person's own last write left it. A colleague's change seen by polling
  // is not taken in here, so saving over it is still a conflict.
  const latest = useRef(post)
  const writes = useRef<Promise<unknown>>(Promise.resolve())
  const [alts, setAlts] = useState<Record<string, string>>({})
  const leaving = useRef(false)

  const images: PostImage[] = post?.images ?? NO_IMAGES
  const altOf = (image: PostImage) => alts[image.id] ?? image.alt
  const unsavedAlts = images.filter((image) => altOf(image).trim() !== image.alt)
  const content = contentOf(draft)
  const contentChanged = Object.keys(changes(content, saved)).length > 0
  const dirty = edited(content, saved, channels) || unsavedAlts.length > 0
  /** Unsaved changes to what is published (text, channels, alt texts), not only the planning. */
  const contentDirty = touchesContent(changes(content, saved)) || unsavedAlts.length > 0

  // Every answer carries the post's new version (an image or an alt text bumps it too): the
  // next save is based on it, so the person's own saves never conflict with each other.
  const remember = (next: Post) => {
    latest.current = next
    queryClient.setQueryData(postQuery(libraryId, next.id).queryKey, next)
    void queryClient.invalidateQueries({ queryKey: historyQuery(libraryId, next.id).queryKey })
  }
  const refreshLists = () =>
    queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'posts'] })

  /**
   * Runs the person's writes one after another, each on the version the one
   * before returned: an alt text saved as the field loses focus and a click on
   * Schedule must not race each other into a conflict.
   */
  function serial<T extends Post | Saved>(work: () => Promise<T>): Promise<T> {
    // Taken in before the next write starts, not when React hears of it.
    const run = writes.current.then(work, work).then((result) => {
      latest.current = 'created' in result ? result.post : result
      return result
    })
    writes.current = run.catch(() => undefined)
    return run
  }

  /** Saves what changed; returns the post as the server now has it. */
  async function persist(): Promise<Saved> {
    let current = latest.current
    let created = false
    if (!current) {
      current = await createPost(libraryId, content)
      created = true
    } else if (contentChanged) {
      current = await updatePost(libraryId, current.id, {
        version: current.version,
        ...changes(content, saved),
      })
    }
    // Recorded at once: should an alt text below fail, the next save must not resend the text.
    setSaved(content)
    remember(current)
    for (const image of unsavedAlts) {
      current = await setImageAlt(libraryId, current.id, image.id, altOf(image).trim())
      remember(current)
    }
    void refreshLists()
    return { post: current, created }
  }

  const openPost = (postId: string, focus?: string) => {
    leaving.current = true
    focusOnOpen = focus
    void navigate({
      to: '/bibliotek/$libraryId/inlagg/$postId',
      params: { libraryId, postId },
      replace: true,
    })
  }

  /** A post created on the way, then a later step failed: open the post, and say what went wrong. */
  const failedAfterCreate = (error: unknown) => {
    if (!(error instanceof FailedAfterCreate)) return
    openPost(error.post.id)
    notify(errorMessage(error.cause), 'error')
  }

  /** Saves, then runs `next` on the saved post. */
  async function step(next: (current: Post) => Promise<Post>): Promise<Saved> {
    const first = await persist()
    try {
      return { post: await next(first.post), created: first.created }
    } catch (cause) {
      if (first.created) throw new FailedAfterCreate(first.post, cause)
      throw cause
    }
  }

  const save = useMutation({
    mutationFn: () => serial(persist),
    onSuccess: ({ post: next, created }) => {
      notify(t(next.state === 'draft' ? 'composer.saved' : 'approval.review.saved'))
      if (created) openPost(next.id)
    },
  })

  const upload = useMutation({
    mutationFn: (file: File) =>
      serial(() => step((current) => addImage(libraryId, current.id, file))),
    onSuccess: ({ post: next, created }) => {
      remember(next)
      const added = next.images.at(-1)
      const focus = added && altFieldId(added.id)
      if (created) openPost(next.id, focus)
      else if (focus) focusWhenReady(focus)
    },
    onError: failedAfterCreate,
  })

  const saveAlt = useMutation({
    mutationFn: ({ imageId, alt }: { imageId: string; alt: string }) =>
      serial(() => setImageAlt(libraryId, post!.id, imageId, alt)),
    onSuccess: remember,
    onError: (error) => notify(errorMessage(error), 'error'),
  })

  const dropImage = useMutation({
    mutationFn: (imageId: string) => serial(() => removeImage(libraryId, post!.id, imageId)),
    onSuccess: (next) => {
      remember(next)
      notify(t('images.removed'))
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  })

  const reshape = useMutation({
    mutationFn: ({ imageId, mode }: { imageId: string; mode: ReshapeMode; n: number }) =>
      serial(() => step((current) => reshapeImage(libraryId, current.id, imageId, mode))),
    onSuccess: ({ post: next }, { n }) => {
      remember(next)
      notify(t('imageShape.done', { n }))
      const image = next.images[n - 1]
      if (image) focusWhenReady(altFieldId(image.id))
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  })

  const schedule = useMutation({
    mutationFn: ({ at, practice }: { at: string; now: boolean; practice?: boolean }) =>
      serial(() =>
        step((current) =>
          schedulePost(libraryId, current.id, { at, version: current.version }, practice),
        ),
      ),
    onSuccess: ({ post: next, created }, { now }) => {
      focusHeadingAfterChange()
      remember(next)
      void refreshLists()
      notify(now ? t('publish.publishing') : t('publish.scheduled'))
      if (created) openPost(next.id)
    },
    onError: failedAfterCreate,
  })

  /** A review step (submit, approve, send back), after saving what is unsaved. */
  const useReviewStep = (act: typeof submitPost, message: string) =>
    useMutation({
      mutationFn: (note: string | undefined) =>
        serial(() =>
          step((current) =>
            act(libraryId, current.id, { version: current.version, ...(note && { note }) }),
          ),
        ),
      onSuccess: ({ post: next, created }) => {
        focusHeadingAfterChange()
        remember(next)
        void refreshLists()
        void queryClient.invalidateQueries({
          queryKey: ['library', libraryId, 'post', next.id, 'comments'],
        })
        notify(message)
        if (created) openPost(next.id)
      },
      onError: failedAfterCreate,
    })
  const submit = useReviewStep(submitPost, t('approval.review.submitted'))
  const approve = useReviewStep(approvePost, t('approval.review.approved'))
  const giveBack = useReviewStep(returnPost, t('approval.review.givenBack'))

  const remove = useMutation({
    mutationFn: () => deletePost(libraryId, post!.id),
    onSuccess: async () => {
      leaving.current = true
      queryClient.removeQueries({ queryKey: postQuery(libraryId, post!.id).queryKey })
      await refreshLists()
      await navigate({
        to: '/bibliotek/$libraryId/planering',
        params: { libraryId },
        search: { visa: 'utkast' },
      })
      notify(t('composer.deleted'))
    },
  })

  return {
    draft,
    setDraft,
    images,
    altOf,
    setAlt: (imageId: string, alt: string) => setAlts((old) => ({ ...old, [imageId]: alt })),
    dirty,
    contentDirty,
    leaving,
    save,
    upload,
    saveAlt,
    dropImage,
    reshape,
    schedule,
    submit,
    approve,
    giveBack,
    remove,
  }
}

export type Composer = ReturnType<typeof useComposer>

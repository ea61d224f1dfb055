import { Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ParseKeys } from 'i18next'
import type { PostState, Publication, PublicationState } from '../../core/schemas/index.js'
import { networkName, atHandle } from './network.js'
import { StatusLabel, type Tone } from './status-label.js'

export const POST_TONE: Record<PostState, Tone> = {
  draft: 'neutral',
  in_review: 'busy',
  approved: 'ok',
  scheduled: 'waiting',
  published: 'ok',
  failed: 'bad',
  withdrawn: 'neutral',
}

export const PUBLICATION_TONE: Record<PublicationState, Tone> = {
  draft: 'neutral',
  pending: 'waiting',
  in_flight: 'busy',
  unknown: 'warn',
  published: 'ok',
  failed: 'bad',
  cancelled: 'neutral',
  deleting: 'busy',
  deleted: 'neutral',
}

/** The text key of a state's name; the review states' names live with the approval texts. */
export function postStateKey(state: PostState): ParseKeys {
  return state === 'in_review' || state === 'approved'
    ? (`approval.state.${state}` as const)
    : (`postState.${state}` as const)
}

export function PostStateLabel({ state }: { state: PostState }) {
  const { t } = useTranslation()
  return <StatusLabel tone={POST_TONE[state]}>{t(postStateKey(state))}</StatusLabel>
}

/** Waiting again after a failed attempt: the network said no for now, Torget tries later. */
export function retrying(publication: Publication): boolean {
  return publication.state === 'pending' && publication.errorCode !== null
}

export function publicationTone(publication: Publication): Tone {
  return publication.stuck || retrying(publication) ? 'warn' : PUBLICATION_TONE[publication.state]
}

/** The state in words, with the two cases the state alone does not tell. */
export function publicationStateKey(publication: Publication): ParseKeys {
  if (publication.stuck) return 'publicationState.stuck'
  if (retrying(publication)) return 'publicationState.retrying'
  return `publicationState.${publication.state}` as const
}

/** One channel's state, e.g. "Bluesky @bibliotek.bsky.social: Publicerad". */
export function PublicationLabel({ publication }: { publication: Publication }) {
  const { t } = useTranslation()
  return (
    <Group gap={4} wrap="wrap" component="span">
      <span>
        {networkName(publication.network)} {atHandle(publication.channelHandle)}:
      </span>
      <StatusLabel tone={publicationTone(publication)} size="xs">
        {t(publicationStateKey(publication))}
      </StatusLabel>
    </Group>
  )
}

/** The first line of a post, short enough for a list. */
export function firstLine(text: string, max = 90): string {
  // Code points, not UTF-16 units: an emoji is never cut in half.
  const line = [...(text.trim().split('\n')[0]?.trim() ?? '')]
  return line.length > max
    ? `${line
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : line.join('')
}

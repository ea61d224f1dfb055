import { Link } from '@tanstack/react-router'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { CalendarItem, Network, UnplannedItem } from '../../../core/schemas/index.js'
import { StatusIcon, type Tone } from '../../components/status-label.js'
import { networkName } from '../../components/network.js'
import { firstLine } from '../../components/post-status.js'
import { isOneOf } from '../../../core/one-of.js'

export const KNOWN_STATES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'failed',
  'withdrawn',
] as const

const TONES: Record<string, Tone> = {
  draft: 'neutral',
  in_review: 'warn',
  approved: 'ok',
  scheduled: 'waiting',
  published: 'ok',
  failed: 'bad',
  withdrawn: 'neutral',
}

export type AnyItem = CalendarItem | UnplannedItem

/** A state in words for any state the server sends, including ones this page does not know yet. */
export function useStateName() {
  const { t } = useTranslation()
  return (state: string) =>
    isOneOf(KNOWN_STATES, state)
      ? t(`calendar.state.${state}`)
      : t('calendar.state.unknown', { state })
}

const ICONS: Record<Network, string> = {
  // Simplified marks, drawn here so the page makes no outside request.
  bluesky:
    'M6.3 4.6C8.6 6.3 11.1 9.8 12 11.7c.9-1.9 3.4-5.4 5.7-7.1 1.7-1.2 4.3-2.2 4.3.8 0 .6-.3 5-.5 5.7-.7 2.5-3.3 3.2-5.6 2.8 4 .7 5 3 2.8 5.2-4.2 4.3-6-1.1-6.5-2.5l-.2-.6-.2.6c-.5 1.4-2.3 6.8-6.5 2.5-2.2-2.2-1.2-4.5 2.8-5.2-2.3.4-4.9-.3-5.6-2.8C2.3 10.4 2 6 2 5.4c0-3 2.6-2 4.3-.8z',
  // A speech bubble: Övningskanalen, the practice channel inside Torget.
  practice: 'M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
  mastodon:
    'M20.9 13.6c-.3 1.4-2.5 2.9-5 3.2-1.3.2-2.6.3-4 .2-2.3-.1-4-.5-4-.5v.6c.3 2.2 2.2 2.3 4 2.4 1.8.1 3.4-.4 3.4-.4l.1 1.6s-1.3.7-3.5.8c-1.2.1-2.8 0-4.6-.5-3.9-1-4.5-5-4.6-9V7.5C2.7 3.7 5.2 2.6 5.2 2.6 6.5 2 8.7 1.8 11 1.7h.1c2.3 0 4.5.3 5.8.9 0 0 2.5 1.1 2.5 4.9 0 0 0 2.8-.5 6.1zM17.6 7.8c0-.9-.2-1.7-.7-2.3-.5-.6-1.1-.9-1.9-.9-.9 0-1.6.4-2.1 1.1l-.4.8-.4-.8c-.5-.7-1.2-1.1-2.1-1.1-.8 0-1.4.3-1.9.9-.5.6-.7 1.4-.7 2.3v4.6h1.8V8c0-.9.4-1.4 1.2-1.4.9 0 1.3.6 1.3 1.7v2.4h1.8V8.3c0-1.1.4-1.7 1.3-1.7.8 0 1.2.5 1.2 1.4v4.4h1.8V7.8z',
  // Plain geometric stand-ins (not the brands' artwork): a lower-case f, a camera, a spiral-like @.
  facebook:
    'M14 3h3v3.5h-2.5c-.6 0-1 .4-1 1V10H17l-.5 3.5h-3V21H10v-7.5H7.5V10H10V7c0-2.2 1.8-4 4-4z',
  instagram:
    'M7 3h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4zm0 2a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2H7zm5 3.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7zm0 2a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM17 6a1 1 0 1 1 0 2 1 1 0 0 1 0-2z',
  threads:
    'M12 2a10 10 0 1 0 6.5 17.6l-1.3-1.5A8 8 0 1 1 20 12c0 1.7-.8 3-2 3s-2-.9-2-2.2V8h-2v.8A4.5 4.5 0 1 0 15.5 15c.6 1.2 1.6 2 3 2 2.3 0 3.5-2.2 3.5-5A10 10 0 0 0 12 2zm0 7.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z',
}

export function NetworkIcon({ network }: { network: Network | undefined }) {
  return (
    <svg
      className="cal-network"
      data-network={network ?? 'unknown'}
      viewBox="0 0 24 24"
      width={14}
      height={14}
      aria-hidden="true"
      focusable="false"
    >
      {network ? <path d={ICONS[network]} /> : <circle cx="12" cy="12" r="6" />}
    </svg>
  )
}

export type ChannelNetworks = Map<string, { network: Network; handle: string }>

interface Props {
  item: AnyItem
  libraryId: string
  channels: ChannelNetworks
  movable: boolean
  /** Opens the "Flytta till…" dialog; the keyboard's way to do what dragging does. */
  onMove: (item: AnyItem) => void
  variant?: 'compact' | 'full'
}

/**
 * One post in the calendar: time, channels, state (an icon and a word, never
 * colour alone) and the start of its text. The text is the link to the
 * composer; dragging the entry (or its link: its dragstart reaches the entry)
 * moves it.
 */
export const CalendarEntry = memo(function CalendarEntry({
  item,
  libraryId,
  channels,
  movable,
  onMove,
  variant = 'compact',
}: Props) {
  const { t } = useTranslation()
  const stateName = useStateName()
  const title = firstLine(item.excerpt, variant === 'compact' ? 60 : 140) || t('calendar.noText')
  const time = 'time' in item ? item.time : undefined
  const planned = 'at' in item
  const networks = item.channelIds.map((id) => channels.get(id))
  const channelText = networks
    .map((c) => (c ? `${networkName(c.network)} ${c.handle}` : ''))
    .filter(Boolean)
    .join(', ')
  return (
    <div
      className="cal-entry"
      data-state={item.state}
      data-variant={variant}
      data-post-id={item.id}
      draggable={movable}
      onDragStart={
        movable
          ? (e) => {
              e.dataTransfer.setData('application/x-torget-post', item.id)
              e.dataTransfer.setData('text/plain', item.id)
              e.dataTransfer.effectAllowed = 'move'
            }
          : undefined
      }
    >
      <div className="cal-entry-meta">
        {time && <span className="cal-time">{time}</span>}
        <span className="cal-networks">
          {networks.map((c, i) => (
            <NetworkIcon key={i} network={c?.network} />
          ))}
          <span className="visually-hidden">
            {channelText ? t('calendar.channels', { list: channelText }) : t('calendar.noChannels')}
          </span>
        </span>
        <span className="cal-state">
          <StatusIcon tone={TONES[item.state] ?? 'neutral'} size={13} />
          <span>{stateName(item.state)}</span>
        </span>
      </div>
      <Link
        className="cal-entry-link"
        to="/bibliotek/$libraryId/inlagg/$postId"
        params={{ libraryId, postId: item.id }}
      >
        {title}
      </Link>
      {variant === 'full' && channelText && <div className="cal-entry-channels">{channelText}</div>}
      {movable && (
        <button type="button" className="cal-move" onClick={() => onMove(item)}>
          {t(planned ? 'calendar.move.button' : 'calendar.move.plan')}
          {/* The visible words first in the name, then which post (WCAG 2.5.3). */}
          <span className="visually-hidden"> {title}</span>
        </button>
      )}
    </div>
  )
})

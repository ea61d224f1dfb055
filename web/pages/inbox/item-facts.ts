import { tagKey } from '../../../core/inbox/default-tags.js'
import type { InboxItem, InboxState } from '../../../core/schemas/inbox.js'
import type { Tone } from '../../components/status-label.js'

export const STATE_TONE: Record<InboxState, Tone> = {
  new: 'waiting',
  assigned: 'busy',
  answered: 'ok',
  done: 'neutral',
}

export type Due = { kind: 'overdue' | 'due'; at: string } | undefined

/** Whether an open item is late by the policy's target, or when it is due; nothing once answered. */
export function dueStatus(
  item: Pick<InboxItem, 'dueAt' | 'state' | 'firstResponseAt'>,
  now: number,
): Due {
  if (!item.dueAt || item.firstResponseAt || item.state === 'answered' || item.state === 'done')
    return undefined
  return { kind: Date.parse(item.dueAt) < now ? 'overdue' : 'due', at: item.dueAt }
}

/** The next or previous item in the list (j/k); the first one when none is open. */
export function neighbour(
  ids: string[],
  openId: string | undefined,
  step: 1 | -1,
): string | undefined {
  if (ids.length === 0) return undefined
  const at = openId === undefined ? -1 : ids.indexOf(openId)
  if (at === -1) return ids[0]
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))]
}

/** A key pressed while writing is text, never a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  return (
    target.closest(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"]',
    ) !== null
  )
}

/** Tag names that call for the policy's own guidance: the default tags, in either language. */
const GUIDANCE_TAGS = {
  personalMatters: ['personligt ärende', 'personal matter'],
  complaints: ['klagomål', 'complaint'],
  threats: ['hot/hat', 'threat/hate', 'hot', 'hat', 'threat'],
} as const
export type GuidanceTopic = keyof typeof GUIDANCE_TAGS | 'escalation'

/** Which parts of the policy's guidance apply to the item, most serious first. */
export function guidanceTopics(item: Pick<InboxItem, 'tags' | 'flagged'>): GuidanceTopic[] {
  const names = item.tags.map((tag) => tagKey(tag.name))
  const topics: GuidanceTopic[] = []
  for (const topic of ['threats', 'personalMatters', 'complaints'] as const)
    if (GUIDANCE_TAGS[topic].some((name) => names.includes(name))) topics.push(topic)
  if (item.flagged) topics.push('escalation')
  return topics
}

/** An alert's title in the text colour: the light variants' orange and red fall below 4.5:1. */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-text)' } } as const

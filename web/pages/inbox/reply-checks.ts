import { useQuery } from '@tanstack/react-query'
import { useDeferredValue, useMemo } from 'react'
import { checkPost, type Finding } from '../../../core/guidelines/index.js'
import { renderSavedReply, type PlaceholderValues } from '../../../core/inbox/placeholders.js'
import type { Locale } from '../../../core/locale.js'
import type { InboxItem } from '../../../core/schemas/inbox.js'
import { channelsQuery } from '../../api/channels.js'
import { guidelinesQuery } from '../../api/guidelines.js'
import { networkName, atHandle } from '../../components/network.js'
import type { PlacedFinding } from '../posts/findings.js'

export const REPLY_FIELD_ID = 'inbox-reply'

/** The values a saved reply's placeholders are filled with, from the item and the person. */
export function placeholderValues(
  item: InboxItem,
  libraryName: string,
  me: { name: string },
): PlaceholderValues {
  return {
    name: item.author.displayName || atHandle(item.author.handle),
    link: item.url,
    library: libraryName,
    channel: networkName(item.channel.network),
    // {handläggare} is "your first name" (core/inbox/placeholders.ts): a reply is signed by a person.
    member: me.name.trim().split(/\s+/)[0] ?? me.name,
  }
}

/** Placeholders left in the text: unknown ones, and known ones with nothing to fill them with. */
export function placeholderProblems(
  text: string,
  values: PlaceholderValues,
): { unknown: string[]; missing: string[] } {
  const { unknown, missing } = renderSavedReply(text, values)
  return { unknown, missing }
}

// A reply answers; it need not start a conversation of its own.
const NOT_FOR_REPLIES = new Set(['conversation-starter'])

/**
 * The policy's checks on the reply as it is written, the same rules the
 * server applies before it sends, counted as the item's network counts.
 */
export function useReplyFindings(
  libraryId: string,
  item: InboxItem,
  text: string,
  locale: Locale,
): {
  findings: PlacedFinding[]
  policyNote: Finding | undefined
  status: 'pending' | 'error' | 'success'
  source: 'default' | 'approved' | undefined
} {
  const guidelines = useQuery(guidelinesQuery(libraryId))
  const channels = useQuery(channelsQuery(libraryId))
  const checked = useDeferredValue(text)
  const channel = channels.data?.find((c) => c.id === item.channel.id)
  const policy = guidelines.data?.policy
  const result = useMemo(() => {
    if (!policy || !checked.trim()) return { findings: [], policyNote: undefined }
    const found = checkPost(
      {
        text: checked,
        images: [],
        channels: channel ? [{ network: channel.network, limits: channel.limits }] : [],
        locale,
      },
      policy,
    )
    const policyNote = found.find((f) => f.ruleId === 'policy')
    const findings: PlacedFinding[] = found
      .filter((f) => f.ruleId !== 'policy' && !NOT_FOR_REPLIES.has(f.ruleId))
      .map((f) => ({
        ...f,
        key: [f.ruleId, f.kind, f.range?.start, f.network].join(':'),
        field: REPLY_FIELD_ID,
        source: checked,
      }))
    return { findings, policyNote }
  }, [policy, checked, channel, locale])
  return {
    ...result,
    status: guidelines.isPending ? 'pending' : guidelines.isError ? 'error' : 'success',
    source: guidelines.data?.source,
  }
}

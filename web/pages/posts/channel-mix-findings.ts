import { useQuery } from '@tanstack/react-query'
import { useDeferredValue, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CHANNEL_MIX_DAYS_AFTER,
  CHANNEL_MIX_DAYS_BEFORE,
  checkStreamCounts,
  type GuidelinePolicy,
  withPost,
} from '../../../core/guidelines/index.js'
import type { Locale } from '../../../core/locale.js'
import type { Channel } from '../../../core/schemas/index.js'
import { addDays, utcToZoned } from '../../../core/time/zoned.js'
import { channelMixQuery } from '../../api/guidelines.js'
import { channelName } from '../../components/network.js'
import type { PlacedFinding } from './findings.js'
import { TEXT_FIELD_ID, variantFieldId } from './problems.js'

type Input = {
  libraryId: string
  postId: string | undefined
  chosen: Channel[]
  text: string
  variants: Record<string, string>
  /** When the post is planned or scheduled; now when it has no time yet. */
  at: string | null
  timeZone: string
  policy: GuidelinePolicy | undefined
  locale: Locale
}

/**
 * The skyltfönster rule for each chosen channel: its other posts in the
 * weeks around this one, counted by the server, with the draft added as it
 * is written. A hint about the channel's mix, so it never stops this post.
 */
export function useChannelMixFindings(input: Input): PlacedFinding[] {
  const { t } = useTranslation()
  const { libraryId, postId, chosen, policy, locale, timeZone } = input
  const text = useDeferredValue(input.text)
  const variants = useDeferredValue(input.variants)
  const day = utcToZoned(input.at ?? new Date().toISOString(), timeZone).date
  // The four weeks around the post: what a follower of the channel sees near it.
  const period = {
    from: addDays(day, -CHANNEL_MIX_DAYS_BEFORE),
    to: addDays(day, CHANNEL_MIX_DAYS_AFTER),
  }
  const mix = useQuery({
    ...channelMixQuery(libraryId, {
      ...period,
      channels: chosen.map((c) => c.id),
      exclude: postId,
    }),
    enabled: chosen.length > 0 && policy !== undefined,
  })
  const data = mix.data
  return useMemo(() => {
    if (!policy || !data) return []
    const findings: PlacedFinding[] = []
    for (const channel of chosen) {
      const counted = data.channels.find((c) => c.channelId === channel.id)
      if (!counted) continue
      const own = variants[channel.id]
      const source = own ?? text
      const [finding] = checkStreamCounts(withPost(counted, source), policy, locale)
      if (!finding) continue
      findings.push({
        ...finding,
        severity: finding.severity === 'block' ? 'warn' : finding.severity,
        key: `skyltfonster:${channel.id}`,
        field: own === undefined ? TEXT_FIELD_ID : variantFieldId(channel.id),
        source,
        note: t('guidelines.channelMix', {
          name: channelName(channel),
          from: data.from,
          to: data.to,
        }),
      })
    }
    return findings
  }, [policy, data, chosen, variants, text, locale, t])
}

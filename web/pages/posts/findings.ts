import { useDeferredValue, useMemo } from 'react'
import { checkPost, type Finding, type GuidelinePolicy } from '../../../core/guidelines/index.js'
import type { Locale } from '../../../core/locale.js'
import type { Channel, PostImage } from '../../../core/schemas/index.js'
import { channelName } from '../../components/network.js'
import type { Draft } from './draft.js'
import { TEXT_FIELD_ID, variantFieldId } from './problems.js'
import { altFieldId } from './use-composer.js'

const SEPARATOR = '\u0000'

/** A finding and where in the composer it is fixed. */
export type PlacedFinding = Finding & {
  key: string
  /** The id of the field the finding is about: the text, a channel's own text, an alt text. */
  field: string
  /** The text the finding was made from: a fix applies only while the field still holds it. */
  source: string
  /** A channel's own text: the channel's name. */
  channel?: string
  /** What the finding was counted over, when that is more than the text (a channel's weeks). */
  note?: string
}

type Input = {
  draft: Draft
  channels: Channel[]
  images: PostImage[]
  altOf: (image: PostImage) => string
  audience: string | undefined
  policy: GuidelinePolicy | undefined
  locale: Locale
}

/**
 * The policy's checks on what is being written, the same rules the server
 * applies. Deferred: React shows the keystroke first and the findings in a
 * render it may interrupt, so typing never waits for them.
 */
export function useFindings(input: Input): { findings: PlacedFinding[]; policyNote?: Finding } {
  const { channels, images, audience, policy, locale } = input
  const text = useDeferredValue(input.draft.text)
  const variants = useDeferredValue(input.draft.variants)
  const channelIds = useDeferredValue(input.draft.channelIds)
  const alts = useDeferredValue(images.map(input.altOf).join(SEPARATOR))
  return useMemo(() => {
    if (!policy) return { findings: [] }
    const chosen = channels.filter((c) => channelIds.includes(c.id))
    const shared = chosen.filter((c) => variants[c.id] === undefined)
    const groups: { field: string; text: string; channels: Channel[]; channel?: string }[] = []
    if (shared.length > 0 || chosen.length === 0)
      groups.push({ field: TEXT_FIELD_ID, text, channels: shared })
    for (const c of chosen) {
      const own = variants[c.id]
      if (own !== undefined)
        groups.push({
          field: variantFieldId(c.id),
          text: own,
          channels: [c],
          channel: channelName(c),
        })
    }
    const checkedAlts = alts.split(SEPARATOR)
    const findings: PlacedFinding[] = []
    let policyNote: Finding | undefined
    groups.forEach((group, g) => {
      const found = checkPost(
        {
          text: group.text,
          images: images.map((_, i) => ({ alt: checkedAlts[i] ?? '' })),
          channels: group.channels.map((c) => ({ network: c.network, limits: c.limits })),
          ...(audience && { audience }),
          locale,
        },
        policy,
      )
      for (const finding of found) {
        if (finding.ruleId === 'policy') {
          policyNote ??= finding
          continue
        }
        // Images and the policy are the same for every text: said once.
        if (finding.image !== undefined && g > 0) continue
        const image = finding.image !== undefined ? images[finding.image] : undefined
        findings.push({
          ...finding,
          key: [
            group.field,
            finding.ruleId,
            finding.kind,
            finding.range?.start,
            finding.image,
            finding.network,
          ].join(':'),
          field: image ? altFieldId(image.id) : group.field,
          source: group.text,
          ...(group.channel && { channel: group.channel }),
        })
      }
    })
    return { findings, ...(policyNote && { policyNote }) }
  }, [text, variants, channelIds, alts, images, channels, audience, policy, locale])
}

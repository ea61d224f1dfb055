import type { TFunction } from 'i18next'
import { countGraphemes, countText } from '../../../core/composer/count.js'
import { fitProblems } from '../../../core/composer/post-fit.js'
import type { TextRange } from '../../../core/guidelines/index.js'
import type { Channel, PostImage } from '../../../core/schemas/index.js'
import { channelName } from '../../components/network.js'
import { contentOf, textFor, type Draft } from './draft.js'
import type { PlacedFinding } from './findings.js'
import { altFieldId } from './use-composer.js'

export const TEXT_FIELD_ID = 'post-text'
export const CHANNELS_ID = 'post-channels'
export const variantFieldId = (channelId: string) => `variant-${channelId}`

/** Something to fix before publishing, the field where it is fixed, and where in that field. */
export type Problem = { message: string; focus: string; select?: TextRange | undefined }

/** Focuses a field; in a text, selects the part a problem is about. */
export function showInField(id: string, select?: TextRange): void {
  const field = document.getElementById(id)
  field?.focus()
  if (select && field instanceof HTMLTextAreaElement) {
    field.setSelectionRange(select.start, select.end)
  }
}

/**
 * What the library's guidelines block, apart from what the list above already
 * says in its own words (text too long, alt text missing).
 */
export function guidelineProblems(blocking: PlacedFinding[]): Problem[] {
  return blocking
    .filter((f) => f.ruleId !== 'length' && !(f.ruleId === 'image-alt' && f.kind === 'missing'))
    .map((f) => ({
      message: f.channel ? `${f.channel}: ${f.message}` : f.message,
      focus: f.field,
      select: f.range,
    }))
}

/**
 * What a network would refuse, found before asking the server (which checks
 * the same again): so each problem can point at its field.
 */
export function publishProblems(
  t: TFunction,
  draft: Draft,
  channels: Channel[],
  images: PostImage[],
  altOf: (image: PostImage) => string,
  maxAltText: number,
): Problem[] {
  const found: Problem[] = []
  const content = contentOf(draft)
  const chosen = channels.filter((c) => content.channelIds.includes(c.id))
  if (chosen.length === 0) found.push({ message: t('problems.noChannels'), focus: CHANNELS_ID })
  for (const channel of chosen) {
    const name = channelName(channel)
    const own = content.variants[channel.id] !== undefined
    const focus = own ? variantFieldId(channel.id) : TEXT_FIELD_ID
    const text = textFor(content, channel.id)
    if (channel.health === 'needs_reconnect')
      found.push({ message: t('problems.reconnect', { name }), focus: CHANNELS_ID })
    if (!text.trim() && images.length === 0)
      found.push({ message: t('problems.empty', { name }), focus })
    const count = countText(text, channel.limits)
    // No count in the message: the list is announced, and must not change on every keystroke.
    if (!count.fits) found.push({ message: t('problems.tooLong', { name }), focus })
    if (images.length > channel.limits.maxImages)
      found.push({
        message: t('problems.tooManyImages', { name, count: channel.limits.maxImages }),
        focus: CHANNELS_ID,
      })
    // Instagram's own rules: an image, hashtags, mentions, the images' shape.
    for (const problem of fitProblems(text, images, channel.limits)) {
      if (problem.code === 'image_required')
        found.push({ message: t('metaProblems.imageRequired', { name }), focus: CHANNELS_ID })
      else if (problem.code === 'too_many_hashtags')
        found.push({ message: t('metaProblems.hashtags', { name, limit: problem.limit }), focus })
      else if (problem.code === 'too_many_mentions')
        found.push({ message: t('metaProblems.mentions', { name, limit: problem.limit }), focus })
      else if (problem.code === 'aspect_ratio')
        found.push({
          message: t('metaProblems.aspectRatio', { name, n: problem.position }),
          focus: altFieldId(images[problem.position - 1]!.id),
        })
    }
  }
  images.forEach((image, i) => {
    const alt = altOf(image).trim()
    if (!alt)
      found.push({ message: t('problems.altMissing', { n: i + 1 }), focus: altFieldId(image.id) })
    else if (countGraphemes(alt) > maxAltText)
      found.push({
        message: t('problems.altTooLong', { n: i + 1, max: maxAltText }),
        focus: altFieldId(image.id),
      })
  })
  return found
}

import { Group, Paper, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { NetworkLimits } from '../../../core/composer/limits.js'
import { firstUrl } from '../../../core/composer/links.js'
import { countHashtags, countMentions } from '../../../core/composer/post-fit.js'
import type { Network } from '../../../core/schemas/index.js'
import { StatusIcon } from '../../components/status-label.js'

/** How each network lays a post out, as far as the preview imitates it. */
export const PREVIEW_LAYOUT: Record<
  Network,
  { imagesFirst: boolean; carousel: boolean; linkCard: boolean; linksClickable: boolean }
> = {
  bluesky: { imagesFirst: false, carousel: false, linkCard: false, linksClickable: true },
  mastodon: { imagesFirst: false, carousel: false, linkCard: false, linksClickable: true },
  // A Page post with photos shows them in a grid under the text; without, its first link as a card.
  facebook: { imagesFirst: false, carousel: false, linkCard: true, linksClickable: true },
  // The image first, one at a time for a carousel, the caption under it; its links are plain text.
  instagram: { imagesFirst: true, carousel: true, linkCard: false, linksClickable: false },
  threads: { imagesFirst: false, carousel: true, linkCard: false, linksClickable: true },
  practice: { imagesFirst: false, carousel: false, linkCard: false, linksClickable: true },
}

/**
 * Facebook turns the first link of a post without photos into a link card
 * (server/adapters/meta/facebook-adapter.ts sends it as `link`); the card's
 * title and picture are Facebook's to fetch, so only the address is shown.
 */
export function LinkCard({ text, images }: { text: string; images: number }) {
  const { t } = useTranslation()
  const url = images === 0 ? firstUrl(text) : undefined
  if (!url) return null
  let host = url
  try {
    host = new URL(url).hostname
  } catch {
    // Shown as written.
  }
  return (
    <Paper withBorder radius="md" p="xs" bg="gray.0">
      <Text size="xs" c="dimmed" tt="uppercase">
        {host}
      </Text>
      <Text size="sm">{t('previewRules.linkCard')}</Text>
    </Paper>
  )
}

/** The counts and rules beyond the text's length: hashtags, mentions, an image required, links. */
export function PreviewRules({
  network,
  text,
  limits,
  images,
}: {
  network: Network
  text: string
  limits: NetworkLimits
  images: number
}) {
  const { t } = useTranslation()
  const lines: { key: string; bad: boolean; text: string }[] = []
  if (limits.minImages !== undefined && images < limits.minImages)
    lines.push({
      key: 'image',
      bad: true,
      text: t('previewRules.imageRequired', { count: limits.minImages }),
    })
  if (limits.maxHashtags !== undefined) {
    const used = countHashtags(text)
    lines.push({
      key: 'hashtags',
      bad: used > limits.maxHashtags,
      text: t('previewRules.hashtags', { used, limit: limits.maxHashtags }),
    })
  }
  if (limits.maxMentions !== undefined) {
    const used = countMentions(text)
    lines.push({
      key: 'mentions',
      bad: used > limits.maxMentions,
      text: t('previewRules.mentions', { used, limit: limits.maxMentions }),
    })
  }
  if (PREVIEW_LAYOUT[network].carousel && images > 1)
    lines.push({ key: 'carousel', bad: false, text: t('previewRules.carousel', { count: images }) })
  if (!PREVIEW_LAYOUT[network].linksClickable && firstUrl(text))
    lines.push({ key: 'links', bad: false, text: t('previewRules.linksNotClickable') })
  return (
    <>
      {lines.map((line) => (
        <Group key={line.key} gap={6} wrap="nowrap">
          {line.bad && <StatusIcon tone="bad" size={16} />}
          <Text size="sm" fw={line.bad ? 700 : 500} c={line.bad ? 'red.8' : 'dimmed'}>
            {line.text}
          </Text>
        </Group>
      ))}
    </>
  )
}

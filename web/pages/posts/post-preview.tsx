import { Avatar, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { countText } from '../../../core/composer/count.js'
import type { NetworkLimits } from '../../../core/composer/limits.js'
import { textDirection } from '../../../core/languages.js'
import type { Network, PostImage } from '../../../core/schemas/index.js'
import { imageUrl } from '../../api/posts.js'
import { networkName, atHandle } from '../../components/network.js'
import { StatusIcon } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { LinkCard, PREVIEW_LAYOUT, PreviewRules } from './preview-rules.js'

export type PreviewChannel = {
  id: string
  network: Network
  handle: string
  displayName: string
  /** Known for a connected channel: the counter needs them. */
  limits?: NetworkLimits | undefined
}

type Props = {
  libraryId: string
  postId: string | undefined
  channel: PreviewChannel
  text: string
  /** The post's language (BCP 47): read aloud in it, and written right to left where it is. */
  language?: string | undefined
  images: PostImage[]
  altOf?: (image: PostImage) => string
}

/** Roughly how the post will look on the network, with the network's own count of the text. */
export function PostPreview({ libraryId, postId, channel, text, language, images, altOf }: Props) {
  const { t } = useTranslation()
  const headingId = `preview-${channel.id}`
  const name = channel.displayName || atHandle(channel.handle)
  const layout = PREVIEW_LAYOUT[channel.network]
  const allowed = channel.limits ? images.slice(0, channel.limits.maxImages) : images
  // A carousel shows one image at a time.
  const shown = layout.carousel ? allowed.slice(0, 1) : allowed
  const pictures = shown.length > 0 && postId && (
    <>
      <div className={`preview-images preview-images-${Math.min(shown.length, 4)}`}>
        {shown.map((image) => (
          <img
            key={image.id}
            src={imageUrl(libraryId, postId, image.id)}
            alt={(altOf ? altOf(image) : image.alt).trim()}
            width={image.width}
            height={image.height}
            loading="lazy"
          />
        ))}
      </div>
      {layout.carousel && allowed.length > 1 && (
        <Text size="xs" c="dimmed">
          {t('previewRules.imageOf', { n: 1, count: allowed.length })}
        </Text>
      )}
    </>
  )
  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      component="section"
      aria-labelledby={headingId}
      className={`preview preview-${channel.network}`}
    >
      <Stack gap="sm">
        <Title order={3} size="h6" id={headingId} c="dimmed">
          {t('preview.title', { network: networkName(channel.network) })}
        </Title>
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Avatar
            radius={channel.network === 'bluesky' ? 'xl' : 'md'}
            color="torget"
            aria-hidden="true"
          >
            {[...name.replace(/^@/, '')][0]?.toUpperCase()}
          </Avatar>
          <Stack gap={4} miw={0} style={{ flex: 1 }}>
            <Group gap={6} wrap="wrap">
              <Text fw={700} size="sm">
                {name}
              </Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {atHandle(channel.handle)}
              </Text>
            </Group>
            {layout.imagesFirst && pictures}
            {text.trim() ? (
              <Text
                size="sm"
                className="preview-text"
                lang={language}
                dir={language ? textDirection(language) : 'auto'}
              >
                {text}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" fs="italic">
                {t('preview.empty')}
              </Text>
            )}
            {!layout.imagesFirst && pictures}
            {layout.linkCard && <LinkCard text={text} images={images.length} />}
          </Stack>
        </Group>
        {channel.limits && <Counter text={text} limits={channel.limits} images={images.length} />}
        {channel.limits && (
          <PreviewRules
            network={channel.network}
            text={text}
            limits={channel.limits}
            images={images.length}
          />
        )}
      </Stack>
    </Paper>
  )
}

function Counter({
  text,
  limits,
  images,
}: {
  text: string
  limits: NetworkLimits
  images: number
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const count = countText(text, limits)
  const over = count.used > count.limit
  const overBytes = !over && !count.fits
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        {(over || overBytes) && <StatusIcon tone="bad" size={16} />}
        <Text size="sm" fw={over ? 700 : 500} c={over ? 'red.8' : 'dimmed'}>
          {over
            ? t('preview.over', {
                count: count.used - count.limit,
                formatted: format.number(count.used - count.limit),
              })
            : t('preview.left', {
                count: count.remaining,
                formatted: format.number(count.remaining),
              })}
        </Text>
      </Group>
      {overBytes && (
        <Text size="sm" fw={700} c="red.8">
          {t('preview.overBytes', {
            bytes: format.number(count.bytes ?? 0),
            limit: format.number(count.byteLimit ?? 0),
          })}
        </Text>
      )}
      {images > limits.maxImages && (
        <Text size="sm" fw={700} c="red.8">
          {t('preview.tooManyImages', { count: limits.maxImages })}
        </Text>
      )}
    </Stack>
  )
}

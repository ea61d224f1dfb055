import {
  Alert,
  Button,
  FileButton,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { countGraphemes } from '../../../core/composer/count.js'
import { IMAGE_TYPES, MAX_UPLOAD_BYTES, imageUrl } from '../../api/posts.js'
import { StatusIcon } from '../../components/status-label.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useFormat } from '../../i18n/format.js'
import type { PlacedFinding } from './findings.js'
import { focusWhenReady } from './heading-focus.js'
import { ImageShapeOffer, type ShapeRule } from './image-shape-offer.js'
import { altFieldId, type Composer } from './use-composer.js'

const ADD_BUTTON_ID = 'add-image'

type Props = {
  libraryId: string
  postId: string | undefined
  composer: Composer
  maxImages: number
  maxAltText: number
  /** After a failed attempt to publish, empty alt texts are marked as errors. */
  showMissing: boolean
  /** What the library's guidelines say about each image, by its index. */
  findings: PlacedFinding[]
  /** The shape the chosen channels take, where one limits it (Instagram). */
  shape?: ShapeRule | undefined
}

/** Images with their alt text: required, since what the library publishes must be accessible. */
export function ImageEditor({
  libraryId,
  postId,
  composer,
  maxImages,
  maxAltText,
  showMissing,
  findings,
  shape,
}: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  const resetRef = useRef<() => void>(null)
  const [fileProblem, setFileProblem] = useState<string>()
  const { images, upload } = composer
  const full = images.length >= maxImages

  const onFile = (file: File | null) => {
    resetRef.current?.()
    if (!file) return
    upload.reset()
    if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
      setFileProblem(t('images.wrongType'))
      return
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setFileProblem(t('images.tooLarge'))
      return
    }
    setFileProblem(undefined)
    upload.mutate(file)
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="images-heading">
      <Title order={2} size="h4" id="images-heading">
        {t('images.title')}
      </Title>
      <Text size="sm" className="prose">
        {t('images.why')}
      </Text>
      {images.map((image, i) => {
        const alt = composer.altOf(image)
        const used = countGraphemes(alt.trim())
        const fieldId = altFieldId(image.id)
        const about = findings.filter((f) => f.image === i)
        const blocking = about.find((f) => f.severity === 'block')
        const error =
          used > maxAltText
            ? t('images.altTooLong', { max: format.number(maxAltText) })
            : showMissing && !alt.trim()
              ? t('images.altMissing')
              : blocking && `${t('guidelines.label.block')}: ${blocking.message}`
        return (
          <Paper key={image.id} withBorder p="sm" radius="md">
            <Group align="flex-start" gap="md" wrap="wrap">
              <Stack gap={4} align="center">
                <img
                  className="image-thumb"
                  src={postId && imageUrl(libraryId, postId, image.id)}
                  alt=""
                  width={120}
                  height={120}
                />
                <Text size="xs" c="dimmed">
                  {t('images.number', { n: i + 1 })}
                </Text>
              </Stack>
              <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
                <Textarea
                  id={fieldId}
                  label={t('images.alt', { n: i + 1 })}
                  description={t('images.altHint')}
                  value={alt}
                  onChange={(event) => composer.setAlt(image.id, event.currentTarget.value)}
                  onBlur={() => {
                    if (alt.trim() !== image.alt)
                      composer.saveAlt.mutate({ imageId: image.id, alt: alt.trim() })
                  }}
                  error={error}
                  autosize
                  minRows={2}
                  required
                  aria-required="true"
                />
                {about
                  .filter((f) => f !== blocking)
                  .map((f) => (
                    <Group key={f.key} gap={6} wrap="nowrap" align="flex-start">
                      <StatusIcon tone={f.severity === 'warn' ? 'warn' : 'neutral'} size={16} />
                      <Text size="sm">
                        {t(`guidelines.label.${f.severity}`)}: {f.message}
                      </Text>
                    </Group>
                  ))}
                <Text
                  size="xs"
                  c={used > maxAltText ? 'red.8' : 'dimmed'}
                  fw={used > maxAltText ? 700 : 400}
                >
                  {used > maxAltText
                    ? t('images.altOver', {
                        count: used - maxAltText,
                        formatted: format.number(used - maxAltText),
                      })
                    : t('images.altLeft', {
                        count: maxAltText - used,
                        formatted: format.number(maxAltText - used),
                      })}
                </Text>
                <ImageShapeOffer
                  image={image}
                  n={i + 1}
                  rule={shape}
                  busy={
                    composer.reshape.isPending && composer.reshape.variables.imageId === image.id
                      ? composer.reshape.variables.mode
                      : undefined
                  }
                  onReshape={(mode) =>
                    composer.reshape.mutate({ imageId: image.id, mode, n: i + 1 })
                  }
                />
                <div>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    px={0}
                    loading={
                      composer.dropImage.isPending && composer.dropImage.variables === image.id
                    }
                    onClick={() =>
                      composer.dropImage.mutate(image.id, {
                        onSuccess: () => focusWhenReady(ADD_BUTTON_ID),
                      })
                    }
                  >
                    {t('images.remove', { n: i + 1 })}
                  </Button>
                </div>
              </Stack>
            </Group>
          </Paper>
        )
      })}
      {full ? (
        <Text size="sm">{t('images.full', { count: maxImages })}</Text>
      ) : (
        <Group gap="sm">
          <FileButton onChange={onFile} accept={IMAGE_TYPES.join(',')} resetRef={resetRef}>
            {(props) => (
              <Button
                id={ADD_BUTTON_ID}
                variant="default"
                loading={upload.isPending}
                aria-describedby="image-types"
                {...props}
              >
                {t('images.add')}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed" id="image-types">
            {t('images.types', { count: maxImages })}
          </Text>
        </Group>
      )}
      {upload.isPending && (
        <Text size="sm" role="status">
          {t('images.uploading')}
        </Text>
      )}
      {fileProblem && (
        <Alert color="red" variant="light" role="alert">
          {fileProblem}
        </Alert>
      )}
      <ErrorAlert error={upload.error} />
    </Stack>
  )
}

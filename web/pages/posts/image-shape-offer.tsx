import { Alert, Button, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { networkName } from '../../components/network.js'
import {
  RESHAPE_MODES,
  type RatioBounds,
  type ReshapeMode,
  ratioBounds,
  reshapedSize,
} from '../../../core/composer/aspect.js'
import type { Channel, PostImage } from '../../../core/schemas/index.js'
import { useFormat } from '../../i18n/format.js'

export interface ShapeRule extends RatioBounds {
  /** The chosen channels that limit the shape, as a person reads them ("Instagram"). */
  names: string
}

/** The shape every chosen channel takes, and which of them limit it; undefined when none does. */
export function shapeRule(chosen: readonly Channel[]): ShapeRule | undefined {
  const limiting = chosen.filter((c) => c.limits.minAspectRatio !== undefined)
  const bounds = ratioBounds(limiting.map((c) => c.limits))
  if (!bounds) return undefined
  const names = [...new Set(limiting.map((c) => networkName(c.network)))]
  return { ...bounds, names: names.join(', ') }
}

type Props = {
  image: PostImage
  n: number
  rule: ShapeRule | undefined
  busy: ReshapeMode | undefined
  onReshape: (mode: ReshapeMode) => void
}

/**
 * Said beside an image whose shape a chosen channel refuses (Instagram: 4:5 to
 * 1.91:1), before anyone tries to schedule: pad it (white or blurred edges) or
 * crop its centre, done on the server with the alt text kept.
 */
export function ImageShapeOffer({ image, n, rule, busy, onReshape }: Props) {
  const { t } = useTranslation()
  const format = useFormat()
  if (!rule || !reshapedSize(image.width, image.height, rule, 'crop')) return null
  const ratio = format.number(Math.round((image.width / image.height) * 100) / 100)
  return (
    <Alert color="torget" variant="light" title={t('imageShape.title', { names: rule.names })}>
      <Text size="sm" mb="xs">
        {t('imageShape.explain', { names: rule.names, ratio })}
      </Text>
      <Group gap="xs">
        {RESHAPE_MODES.map((mode) => (
          <Button
            key={mode}
            size="compact-sm"
            variant="default"
            loading={busy === mode}
            disabled={busy !== undefined && busy !== mode}
            aria-label={`${t(`imageShape.${mode}`)} (${t('images.number', { n })})`}
            onClick={() => onReshape(mode)}
          >
            {t(`imageShape.${mode}`)}
          </Button>
        ))}
      </Group>
    </Alert>
  )
}

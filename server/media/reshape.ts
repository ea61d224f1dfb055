import type { ProcessedImage } from './images.js'
import type { ReshapeMode } from '../../core/composer/aspect.js'

const loadSharp = () => import('sharp').then((m) => m.default)

/**
 * Pads or crops an image to `size` (core/composer/aspect.ts chooses it),
 * keeping its middle: white edges, edges of the image itself enlarged and
 * blurred, or the centre cut out. PNG stays PNG; everything else becomes JPEG,
 * as uploads do (images.ts).
 */
export async function reshapeImage(
  image: { data: Uint8Array; mimeType: string; width: number; height: number },
  size: { width: number; height: number },
  mode: ReshapeMode,
): Promise<ProcessedImage> {
  const sharp = await loadSharp()
  const left = Math.floor(Math.abs(size.width - image.width) / 2)
  const top = Math.floor(Math.abs(size.height - image.height) / 2)
  let pipeline
  if (mode === 'crop') {
    pipeline = sharp(image.data).extract({ left, top, width: size.width, height: size.height })
  } else if (mode === 'pad_white') {
    pipeline = sharp(image.data).extend({
      left,
      top,
      right: size.width - image.width - left,
      bottom: size.height - image.height - top,
      background: '#ffffff',
    })
  } else {
    // The image itself, stretched to cover the new shape and blurred beyond recognition behind it.
    const backdrop = await sharp(image.data)
      .resize({ width: size.width, height: size.height, fit: 'cover' })
      .blur(Math.max(8, Math.round(Math.max(size.width, size.height) / 40)))
      .modulate({ brightness: 0.9 })
      .toBuffer()
    pipeline = sharp(backdrop).composite([{ input: Buffer.from(image.data), left, top }])
  }
  const png = image.mimeType === 'image/png'
  const { data, info } = png
    ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
    : await pipeline
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 88, mozjpeg: true })
        .toBuffer({ resolveWithObject: true })
  return {
    data,
    mimeType: png ? 'image/png' : 'image/jpeg',
    width: info.width,
    height: info.height,
  }
}

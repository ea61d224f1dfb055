import type { Metadata } from 'sharp'
import { DomainError } from '../../core/errors.js'

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const MAX_EDGE = 4096
const MAX_INPUT_PIXELS = 50_000_000

/**
 * Chosen on purpose: what every network takes and browsers show. GIF would
 * lose its animation, SVG can carry scripts and outside references, and HEIC,
 * AVIF and TIFF bring large decoders for files a phone can also save as JPEG.
 */
const ACCEPTED_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp'])

// sharp (libvips) is loaded on the first image, not at start: most processes never touch one.
const loadSharp = () => import('sharp').then((m) => m.default)

export interface ProcessedImage {
  data: Buffer
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
}

/**
 * Reads an uploaded file as an image: refuses what is not one, applies the
 * EXIF orientation, and drops all metadata (EXIF, GPS, camera serials) —
 * sharp writes none unless asked. Photos become JPEG; PNG stays PNG so that
 * screenshots and transparency survive.
 */
export async function processUpload(input: Uint8Array): Promise<ProcessedImage> {
  const sharp = await loadSharp()
  if (input.length > MAX_UPLOAD_BYTES) throw new DomainError('image_too_large')
  let meta: Metadata
  try {
    // The header only: the pixel limit is checked below, by size, so it can be named.
    meta = await sharp(input, { limitInputPixels: false }).metadata()
  } catch {
    // An iPhone's HEIC that libvips cannot decode is still a photo: say which formats to use.
    throw new DomainError(isoMediaFile(input) ? 'image_format_refused' : 'image_invalid')
  }
  if (!meta.format) throw new DomainError('image_invalid')
  // The header says the size before anything is decoded: say so, rather than fail decoding later.
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS)
    throw new DomainError('image_too_many_pixels')
  if (!ACCEPTED_FORMATS.has(meta.format))
    throw new DomainError('image_format_refused', { format: meta.format })
  const keepPng = meta.format === 'png'
  try {
    const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    const { data, info } = keepPng
      ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
      : await pipeline
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 88, mozjpeg: true })
          .toBuffer({ resolveWithObject: true })
    return {
      data,
      mimeType: keepPng ? 'image/png' : 'image/jpeg',
      width: info.width,
      height: info.height,
    }
  } catch {
    throw new DomainError('image_invalid')
  }
}

/** HEIC, HEIF and AVIF files begin with an ISO media `ftyp` box. */
function isoMediaFile(input: Uint8Array): boolean {
  return Buffer.from(input.subarray(4, 8)).toString('latin1') === 'ftyp'
}

/**
 * Makes an image fit a network's byte limit (Bluesky: 1 MB) by lowering JPEG
 * quality, then size, in steps. The stored image is never changed.
 */
export async function fitToBytes(image: ProcessedImage, maxBytes: number): Promise<ProcessedImage> {
  if (image.data.length <= maxBytes) return image
  const sharp = await loadSharp()
  let width = image.width
  for (let step = 0; step < 12; step++) {
    const quality = Math.max(50, 85 - step * 5)
    if (step > 4) width = Math.round(width * 0.8)
    const { data, info } = await sharp(image.data)
      .resize({ width, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    if (data.length <= maxBytes)
      return { data, mimeType: 'image/jpeg', width: info.width, height: info.height }
  }
  throw new DomainError('image_too_large')
}

import {
  type $Typed,
  type Agent,
  type AppBskyEmbedExternal,
  type AppBskyEmbedImages,
  type AppBskyFeedPost,
  AppBskyRichtextFacet,
  type BlobRef,
  RichText,
} from '@atproto/api'
import type { LookupQuery, OutgoingImage, OutgoingPost } from '../channels/channel-adapter.js'

export interface UploadedImage extends Pick<OutgoingImage, 'alt' | 'width' | 'height'> {
  blob: BlobRef
}

/** The text as we post it; the composer counts NFC too. */
export function postText(text: string): string {
  return text.normalize('NFC')
}

/**
 * Whether a stored record is this post: the same text, and the same images in
 * order (count and alt texts). Bluesky keeps the text as sent, so it is
 * compared exactly (NFC, as posted).
 */
export function recordShows(
  record: Record<string, unknown>,
  post: Pick<LookupQuery, 'text' | 'images'>,
): boolean {
  if (record.text !== postText(post.text)) return false
  const embed = record.embed as { $type?: unknown; images?: unknown } | undefined
  const images =
    embed?.$type === 'app.bsky.embed.images' && Array.isArray(embed.images)
      ? (embed.images as { alt?: unknown }[])
      : []
  return (
    images.length === post.images.length &&
    images.every((image, i) => image.alt === post.images[i]?.alt)
  )
}

/**
 * Builds an `app.bsky.feed.post` record. Links, @mentions and #hashtags become
 * facets with UTF-8 byte offsets (RichText does the counting); mentions are
 * resolved to DIDs through the PDS, and one that does not resolve stays plain
 * text, since a mention facet without a DID is invalid.
 */
export async function buildPostRecord(
  agent: Agent,
  post: Pick<OutgoingPost, 'text' | 'language'>,
  images: UploadedImage[],
  createdAt: string,
): Promise<AppBskyFeedPost.Record> {
  const richText = new RichText({ text: postText(post.text) })
  await richText.detectFacets(agent)
  const facets = (richText.facets ?? []).filter((facet) =>
    facet.features.every((f) => !AppBskyRichtextFacet.isMention(f) || f.did),
  )
  const record: AppBskyFeedPost.Record = {
    $type: 'app.bsky.feed.post',
    text: richText.text,
    createdAt,
  }
  if (facets.length > 0) record.facets = facets
  if (post.language) record.langs = [post.language]
  const embed = images.length > 0 ? imagesEmbed(images) : linkCard(facets)
  if (embed) record.embed = embed
  return record
}

function imagesEmbed(images: UploadedImage[]): $Typed<AppBskyEmbedImages.Main> {
  return {
    $type: 'app.bsky.embed.images',
    images: images.map((image) => {
      const entry: AppBskyEmbedImages.Image = { image: image.blob, alt: image.alt }
      const width = Math.round(image.width)
      const height = Math.round(image.height)
      // Lets apps reserve the right space before the image loads.
      if (width > 0 && height > 0) entry.aspectRatio = { width, height }
      return entry
    }),
  }
}

/**
 * A post without images gets a card for its first link, titled with the
 * link's host. Bluesky shows no preview for a bare link (its app builds
 * cards when composing), and fetching the page for a title and picture is
 * left out on purpose: it would make publishing depend on a third site.
 */
function linkCard(
  facets: AppBskyRichtextFacet.Main[],
): $Typed<AppBskyEmbedExternal.Main> | undefined {
  const uri = facets.flatMap((f) => f.features).find(AppBskyRichtextFacet.isLink)?.uri
  if (!uri || !URL.canParse(uri)) return undefined
  return {
    $type: 'app.bsky.embed.external',
    external: { uri, title: new URL(uri).hostname.replace(/^www\./, ''), description: '' },
  }
}

import { z } from 'zod'
import type { Locale } from '../locale.js'

/** Every network Torget speaks to. Defined once here; everything else imports it. */
export const NETWORKS = [
  'bluesky',
  'mastodon',
  'facebook',
  'instagram',
  'threads',
  'practice',
] as const
export const networkSchema = z.enum(NETWORKS)
export type Network = z.infer<typeof networkSchema>

/**
 * What can be done on a network about something another account posted. Each
 * network allows different things; the inbox offers only what its network allows.
 * - hide_reply: hide a reply under the library's post (Bluesky threadgate hiddenReplies);
 * - detach_quote: detach a quote of the library's post (Bluesky postgate);
 * - revoke_quote: revoke a quote of the library's post (Mastodon 4.5 quote policy);
 * - block / mute: the author, account-wide;
 * - delete_comment: remove someone's comment under the library's post (Facebook, Instagram).
 */
export const MODERATION_ACTIONS = [
  'hide_reply',
  'detach_quote',
  'revoke_quote',
  'block',
  'mute',
  'delete_comment',
] as const
export const moderationActionSchema = z.enum(MODERATION_ACTIONS)
export type ModerationAction = z.infer<typeof moderationActionSchema>
/** Actions the network can take back (unhide, unblock …); a deleted comment or revoked quote stays gone. */
export const UNDOABLE_MODERATION: readonly ModerationAction[] = [
  'hide_reply',
  'detach_quote',
  'block',
  'mute',
]

/** The kinds of interaction ingest records. The first four become inbox items; the rest are counted. */
export const INTERACTION_KINDS = [
  'reply',
  'mention',
  'quote',
  'comment',
  'like',
  'repost',
  'follow',
] as const
export const interactionKindSchema = z.enum(INTERACTION_KINDS)
export type InteractionKind = z.infer<typeof interactionKindSchema>
export const INBOX_KINDS = ['reply', 'mention', 'quote', 'comment'] as const
export type InboxKind = (typeof INBOX_KINDS)[number]
export function isInboxKind(kind: InteractionKind): kind is InboxKind {
  return (INBOX_KINDS as readonly string[]).includes(kind)
}
/** What hide_reply and delete_comment act on: an answer under the library's post (a comment on Meta). */
export function isAnswerKind(kind: string): boolean {
  return kind === 'reply' || kind === 'comment'
}

export interface NetworkCapabilities {
  /** Torget can read replies, mentions and reactions from it. */
  interactions: boolean
  /** Torget can answer in a thread on it. */
  reply: boolean
  /** What the library can do about another account's post on this network. */
  moderation: readonly ModerationAction[]
  /** Whether the library can remove a reply from under its own post (else: guide to block/report). */
  canHideReplies: boolean
  /** Torget reads the counts the network keeps: followers, and likes, reposts, replies, quotes per post. */
  metrics: boolean
  /**
   * Built into Torget rather than a network outside it (Övningskanalen): one per library, turned
   * on rather than signed in to, and seen only by the library's members.
   */
  builtIn?: true
}

/** What each network lets Torget do; the web shows only what is here. */
export const NETWORK_CAPABILITIES: Record<Network, NetworkCapabilities> = {
  bluesky: {
    interactions: true,
    reply: true,
    moderation: ['hide_reply', 'detach_quote', 'block', 'mute'],
    canHideReplies: true,
    metrics: true,
  },
  mastodon: {
    interactions: true,
    reply: true,
    // Mastodon has no way to hide a reply under one's own post.
    moderation: ['revoke_quote', 'block', 'mute'],
    canHideReplies: false,
    metrics: true,
  },
  // Meta's three: comments (Facebook, Instagram) and replies (Threads) in the inbox, and counts
  // (docs/meta.md). Meta lets a Page or professional account hide and delete comments under its
  // posts; Threads only hides.
  facebook: {
    interactions: true,
    reply: true,
    moderation: ['hide_reply', 'delete_comment'],
    canHideReplies: true,
    metrics: true,
  },
  instagram: {
    interactions: true,
    reply: true,
    moderation: ['hide_reply', 'delete_comment'],
    canHideReplies: true,
    metrics: true,
  },
  threads: {
    interactions: true,
    reply: true,
    moderation: ['hide_reply'],
    canHideReplies: true,
    metrics: true,
  },
  // Torget's own practice channel: everything stays in Torget's tables (server/adapters/practice).
  practice: {
    interactions: true,
    reply: true,
    moderation: ['hide_reply', 'block'],
    canHideReplies: true,
    metrics: true,
    builtIn: true,
  },
}

/** Whether a network is Torget's own practice channel, where nothing reaches the public. */
export function isBuiltInNetwork(network: string): boolean {
  return NETWORK_CAPABILITIES[network as Network]?.builtIn === true
}

/** Meta's networks, connected through Meta's own consent page with the installation's app. */
export const META_NETWORKS = ['facebook', 'instagram', 'threads'] as const
export type MetaNetwork = (typeof META_NETWORKS)[number]
export function isMetaNetwork(network: Network): network is MetaNetwork {
  return (META_NETWORKS as readonly string[]).includes(network)
}

/** Network names are brands: the same in every language. The practice channel's is Swedish. */
export const NETWORK_NAMES: Record<Network, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  facebook: 'Facebook',
  instagram: 'Instagram',
  threads: 'Threads',
  practice: 'Övningskanalen',
}

/** A network's name for a reader: the brand, or for Torget's own practice channel a name in their language. */
export function networkName(network: Network, locale: Locale): string {
  return network === 'practice' && locale === 'en' ? 'Practice channel' : NETWORK_NAMES[network]
}

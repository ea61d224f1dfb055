import type { Repos } from '../repos/index.js'
import { type EntryDraft, appendEntries } from '../services/archive/chain.js'

export const SEEDED = {
  postText: 'Sagostund på lördag kl. 11 i barnavdelningen. Välkomna!',
  replyText: 'Min dotter Karin Å har astma, finns det plats nära dörren? / Karin Åberg',
  editedText: 'Finns det plats nära dörren på lördag?',
  arabicText: 'هل يمكن أن نأتي مع الأطفال؟',
  author: { remoteId: 'did:example:karin', handle: 'karin.example', name: 'Karin Åberg' },
} as const

/**
 * A small conversation archived as capture would archive it: the library's
 * post, a reply as first received, its edit on the network, a moderation
 * with its reason, and a second reply in Arabic. Appended through the real
 * chain (hashes and all), for tests that need records without a network.
 */
export async function seedArchiveConversation(
  repos: Pick<Repos, 'archive'>,
  libraryId: string,
  at = new Date('2026-05-04T09:00:00Z'),
): Promise<Map<string, string>> {
  const minutes = (n: number) => new Date(at.getTime() + n * 60_000).toISOString()
  const root = 'at://did:example:library/app.bsky.feed.post/1'
  const reply = 'at://did:example:karin/app.bsky.feed.post/2'
  const base = { channelId: null, network: 'bluesky', threadRoot: root, refersTo: null } as const
  const drafts: EntryDraft[] = [
    {
      ...base,
      kind: 'post_published',
      subject: 'post:seed-publication',
      captureKey: 'seed-publication',
      remoteId: root,
      url: 'https://bsky.app/profile/library.example/post/1',
      occurredAt: minutes(0),
      person: null,
      content: {
        kind: 'post_published',
        postId: 'seed-post',
        publicationId: 'seed-publication',
        text: SEEDED.postText,
        language: 'sv',
        link: null,
        media: [
          {
            sha256: 'a'.repeat(64),
            mimeType: 'image/png',
            byteSize: 68,
            alt: 'Barn som lyssnar på en saga',
          },
        ],
        writtenBy: { id: 'seed-member', name: 'Astrid Admin' },
        approvedBy: [],
        publishedBy: { id: 'seed-member', name: 'Astrid Admin' },
        inReplyTo: null,
        policyVersion: null,
      },
    },
    {
      ...base,
      kind: 'item_received',
      subject: 'item:seed-reply',
      captureKey: 'seed-reply',
      remoteId: reply,
      url: 'https://bsky.app/profile/karin.example/post/2',
      occurredAt: minutes(5),
      person: SEEDED.author,
      content: {
        kind: 'item_received',
        interactionId: 'seed-reply',
        itemKind: 'reply',
        text: SEEDED.replyText,
        author: SEEDED.author,
        subjectRemoteId: root,
        rootRemoteId: root,
        parentRemoteId: root,
        media: [],
      },
    },
    {
      ...base,
      kind: 'item_edited',
      subject: 'item:seed-reply',
      captureKey: 'seed-edit',
      remoteId: reply,
      url: null,
      occurredAt: minutes(9),
      person: SEEDED.author,
      content: { kind: 'item_edited', interactionId: 'seed-reply', text: SEEDED.editedText },
    },
    {
      ...base,
      kind: 'moderation',
      subject: 'item:seed-reply',
      captureKey: 'seed-moderation',
      remoteId: reply,
      url: null,
      occurredAt: minutes(12),
      person: SEEDED.author,
      content: {
        kind: 'moderation',
        actionId: 'seed-action',
        interactionId: 'seed-reply',
        action: 'hide',
        reason: 'library_rules',
        note: 'Uppgift om ett barns hälsa',
        by: { id: 'seed-member', name: 'Astrid Admin' },
      },
    },
    {
      ...base,
      kind: 'item_received',
      subject: 'item:seed-arabic',
      captureKey: 'seed-arabic',
      remoteId: 'at://did:example:samir/app.bsky.feed.post/3',
      url: 'https://bsky.app/profile/samir.example/post/3',
      occurredAt: minutes(20),
      person: { remoteId: 'did:example:samir', handle: 'samir.example', name: 'Samir' },
      content: {
        kind: 'item_received',
        interactionId: 'seed-arabic',
        itemKind: 'reply',
        text: SEEDED.arabicText,
        author: { remoteId: 'did:example:samir', handle: 'samir.example', name: 'Samir' },
        subjectRemoteId: root,
        rootRemoteId: root,
        parentRemoteId: root,
        media: [],
      },
    },
  ]
  return appendEntries(repos, libraryId, drafts, minutes(30))
}

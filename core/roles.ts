import { z } from 'zod'

/**
 * The five roles a member can hold in a library. Code uses English ids; the UI
 * shows the Swedish names staff know from the workshop.
 */
export const ROLES = ['admin', 'editor', 'writer', 'responder', 'reader'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

export const ROLE_LABELS: Record<Role, { sv: string; en: string }> = {
  admin: { sv: 'Ansvarig', en: 'Manager' },
  editor: { sv: 'Redaktör', en: 'Editor' },
  writer: { sv: 'Skribent', en: 'Writer' },
  responder: { sv: 'Svarare', en: 'Responder' },
  reader: { sv: 'Läsare', en: 'Reader' },
}

/**
 * Every permission a route can ask for, and the roles that hold it. A route
 * under /libraries/:libraryId must name one of these; the HTTP layer refuses
 * to register one that does not (see server/http/library-route.ts).
 */
export const PERMISSIONS = {
  'library.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'library.update': ['admin'],
  'members.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'members.manage': ['admin'],
  'invitations.manage': ['admin'],
  'channels.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'channels.manage': ['admin', 'editor'],
  'posts.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'posts.write': ['admin', 'editor', 'writer'],
  'posts.publish': ['admin', 'editor'],
  // Approving (or returning a post to its writer) is the same trust as publishing. Comments are
  // internal talk about a post among those who make or answer it; a Läsare follows along.
  'posts.approve': ['admin', 'editor'],
  'posts.comment': ['admin', 'editor', 'writer', 'responder'],
  // Every member reads the strategy and the policy: it is written for all of them. Redaktörer
  // write drafts with the Ansvarig (they plan the channels and the content), but only the
  // Ansvarig approves, since approval changes what every draft is checked against, and decides
  // whether the policy is public.
  'strategy.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'strategy.write': ['admin', 'editor'],
  'strategy.approve': ['admin'],
  // Every member sees the library's events, campaigns and weekly slots: they plan around them.
  // Redaktörer and the Ansvarig decide what the library plans (sources, campaigns, whose turn).
  'events.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'events.manage': ['admin', 'editor'],
  'campaigns.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'campaigns.manage': ['admin', 'editor'],
  'recurring.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'recurring.manage': ['admin', 'editor'],
  // Who changed roles, channels and settings, and what left as a file: the Ansvarig answers for it.
  'audit.read': ['admin'],
  // The inbox: everyone follows what the public says; Svarare answer it and remove what is
  // clearly illegal (the law asks it of whoever runs the account, quickly). Redaktörer and the
  // Ansvarig set the shared tools (tags, saved replies, rules) and follow response times.
  'inbox.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'inbox.answer': ['admin', 'editor', 'responder'],
  'inbox.moderate': ['admin', 'editor', 'responder'],
  'inbox.manage': ['admin', 'editor'],
  'inbox.stats': ['admin', 'editor'],
  // The public-records archive: those who answer for what the library publishes find and hand
  // out its records; weeding and holds are decisions for the Ansvarig.
  'archive.read': ['admin', 'editor'],
  'archive.manage': ['admin'],
  // A request for public records: a Redaktör registers it, collects the records and proposes
  // masks; releasing (or refusing, which can be appealed) is the authority's decision and so the
  // Ansvarig's, who sees the masks before anything leaves.
  'archive.prepare': ['admin', 'editor'],
  'archive.release': ['admin'],
  // Statistics are for everyone who does the work, and for those who only follow it. People on
  // the engagement ladder are shown by a code; opening one (their handle, what they did) and
  // marking who leads is for those who answer for the channels, and each opening is logged.
  'stats.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'stats.people': ['admin', 'editor'],
  // The monthly report and the comparison with other libraries hold figures, never a person, so
  // every member reads them. Who gets the report by e-mail, and whether the library shows its
  // figures to the installation's comparison, are the Ansvarig's decisions.
  'reports.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'reports.manage': ['admin'],
  // The idea board (Idéer) is where everyone, also a Läsare, catches their piece of the puzzle: a
  // visitor's question, a book tip, a photo. Whether an idea is used, or waits, is for those who
  // make the posts; turning one into a draft asks for posts.write, as writing any draft does.
  'ideas.read': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'ideas.contribute': ['admin', 'editor', 'writer', 'responder', 'reader'],
  'ideas.manage': ['admin', 'editor', 'writer'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

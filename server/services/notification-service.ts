import { DomainError } from '../../core/errors.js'
import { type Locale, localeSchema } from '../../core/locale.js'
import type {
  Notification,
  NotificationKind,
  NotificationList,
  NotificationSettings,
} from '../../core/schemas/index.js'
import { utcToZoned } from '../../core/time/zoned.js'
import { type Clock, systemClock } from '../clock.js'
import type { Repos, Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { EmailMessage, EmailOutbox } from './emails.js'

const LIST_LIMIT = 50
/** What a notification of these kinds links to is the member's own path (Min väg). */
const PATH_KINDS = new Set<NotificationKind>(['path_invited', 'path_stuck', 'policy_approved'])
const DIGEST_LIMIT = 50
/** The digest goes out from this hour of the person's morning (their first library's zone). */
export const DIGEST_HOUR = 7

/** A short quote for a notification: the first line, cut at a word. */
export function excerptOf(text: string, max = 140): string {
  const line = text.trim().split('\n')[0]?.trim() ?? ''
  const chars = [...line]
  if (chars.length <= max) return line
  return `${chars
    .slice(0, max - 1)
    .join('')
    .replace(/\s+\S*$/, '')}…`
}

/**
 * Tells members about something in a library, in the caller's transaction.
 * The one who did it is never told about their own act.
 */
export async function notify(
  repos: Pick<Repos, 'notifications'>,
  input: {
    libraryId: string
    postId: string | null
    actorId: string | null
    kind: NotificationKind
    excerpt: string
    userIds: readonly (string | null | undefined)[]
    at: string
  },
): Promise<void> {
  const to = new Set(input.userIds.filter((id): id is string => !!id && id !== input.actorId))
  await repos.notifications.insertMany(
    [...to].map((userId) => ({
      id: newId(),
      user_id: userId,
      library_id: input.libraryId,
      post_id: input.postId,
      actor_id: input.actorId,
      kind: input.kind,
      excerpt: input.excerpt,
      created_at: input.at,
      read_at: null,
      emailed_at: null,
    })),
  )
}

type NotificationRow = Awaited<ReturnType<Repos['notifications']['list']>>[number]

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    libraryId: row.library_id,
    libraryName: row.library_name,
    postId: row.post_id,
    actorName: row.actor_name,
    excerpt: row.excerpt,
    createdAt: row.created_at,
    readAt: row.read_at,
  }
}

const SAID: Record<NotificationKind, Record<Locale, (who: string) => string>> = {
  review_requested: {
    sv: (who) => `${who} skickade ett inlägg för granskning`,
    en: (who) => `${who} sent a post for review`,
  },
  approved: {
    sv: (who) => `${who} godkände ditt inlägg`,
    en: (who) => `${who} approved your post`,
  },
  returned: {
    sv: (who) => `${who} skickade tillbaka ditt inlägg för ändringar`,
    en: (who) => `${who} sent your post back for changes`,
  },
  mentioned: {
    sv: (who) => `${who} nämnde dig i en kommentar`,
    en: (who) => `${who} mentioned you in a comment`,
  },
  commented: {
    sv: (who) => `${who} kommenterade ditt inlägg`,
    en: (who) => `${who} commented on your post`,
  },
  inbox_assigned: {
    sv: (who) => `${who} gav dig ett ärende i inkorgen`,
    en: (who) => `${who} gave you an item in the inbox`,
  },
  inbox_flagged: {
    sv: (who) => `${who} flaggade ett ärende i inkorgen för Ansvarig`,
    en: (who) => `${who} flagged an inbox item for the Manager`,
  },
  path_invited: {
    sv: (who) => `${who} bjöd in dig att gå din väg i Torget: prova, lär dig och bli trygg`,
    en: (who) => `${who} invited you to walk your path in Torget: try, learn and feel confident`,
  },
  path_stuck: {
    sv: () => 'Din väg i Torget väntar på dig – här är nästa steg',
    en: () => 'Your path in Torget is waiting for you – here is the next step',
  },
  policy_approved: {
    sv: (who) => `${who} godkände en ny version av policyn – läs och bekräfta den`,
    en: (who) => `${who} approved a new version of the policy – read and confirm it`,
  },
  assigned: {
    sv: (who) => `${who} gav dig ett inlägg att skriva`,
    en: (who) => `${who} assigned a post to you`,
  },
  idea_drafted: {
    sv: (who) => `${who} gjorde ett utkast av din idé`,
    en: (who) => `${who} made a draft of your idea`,
  },
  idea_published: {
    sv: () => 'Inlägget som byggde på din idé är publicerat',
    en: () => 'The post made of your idea is published',
  },
}

/** The digest in the person's language: what happened, per library, with a link to each post. */
export function digestEmail(o: {
  to: string
  locale: Locale
  publicUrl: string
  items: Notification[]
}): EmailMessage {
  const sv = o.locale === 'sv'
  const someone = sv ? 'Någon' : 'Someone'
  const lines: string[] = []
  for (const [library, items] of Map.groupBy(o.items, (n) => n.libraryName)) {
    lines.push(library)
    for (const n of items) {
      lines.push(
        `- ${SAID[n.kind][o.locale](n.actorName ?? someone)}${n.excerpt ? `: "${n.excerpt}"` : ''}`,
      )
      if (n.postId) lines.push(`  ${o.publicUrl}/bibliotek/${n.libraryId}/inlagg/${n.postId}`)
      else if (PATH_KINDS.has(n.kind))
        lines.push(`  ${o.publicUrl}/bibliotek/${n.libraryId}/min-vag`)
    }
    lines.push('')
  }
  const count = o.items.length
  return sv
    ? {
        to: o.to,
        subject: count === 1 ? 'Torget: 1 oläst notis' : `Torget: ${count} olästa notiser`,
        text: `Hej!\n\nDet här väntar på dig i Torget:\n\n${lines.join('\n')}\nVill du inte längre få det här mejlet? Stäng av det under Konto: ${o.publicUrl}/konto\n`,
      }
    : {
        to: o.to,
        subject:
          count === 1 ? 'Torget: 1 unread notification' : `Torget: ${count} unread notifications`,
        text: `Hello,\n\nThis is waiting for you in Torget:\n\n${lines.join('\n')}\nDo not want this e-mail any more? Turn it off under Account: ${o.publicUrl}/konto\n`,
      }
}

export function notificationService({
  store,
  emails,
  publicUrl,
  emailAvailable,
  clock = systemClock,
}: {
  store: Store
  emails: EmailOutbox
  publicUrl: string
  emailAvailable: boolean
  clock?: Clock
}) {
  async function settings(userId: string): Promise<NotificationSettings> {
    const user = await store.repos.users.findById(userId)
    if (!user) throw new DomainError('unauthenticated')
    return { dailyDigest: user.daily_digest === 1, emailAvailable }
  }

  return {
    async list(userId: string): Promise<NotificationList> {
      const [rows, unread] = await Promise.all([
        store.repos.notifications.list(userId, LIST_LIMIT),
        store.repos.notifications.unreadCount(userId),
      ])
      return { unread, items: rows.map(toNotification) }
    },

    /** Marks one notification read, or all of them without an id. */
    async markRead(userId: string, id?: string): Promise<void> {
      await store.repos.notifications.markRead(userId, clock.now().toISOString(), id)
    },

    settings,

    async updateSettings(userId: string, dailyDigest: boolean): Promise<NotificationSettings> {
      await store.repos.users.update(userId, { dailyDigest }, clock.now().toISOString())
      return settings(userId)
    },

    /**
     * Whose digest is due at `now`: people with unread news not yet e-mailed
     * whose morning has come, each with the local date that keys their digest.
     */
    async dueDigests(now = clock.now()): Promise<{ userId: string; date: string }[]> {
      if (!emailAvailable) return []
      const due: { userId: string; date: string }[] = []
      for (const r of await store.repos.notifications.digestRecipients()) {
        const local = utcToZoned(now, r.time_zone ?? 'Europe/Stockholm')
        if (Number(local.time.slice(0, 2)) >= DIGEST_HOUR)
          due.push({ userId: r.id, date: local.date })
      }
      return due
    },

    /** Puts one person's digest in the outbox, once per date, if anything is still unread. */
    async sendDigest(userId: string, date: string): Promise<boolean> {
      const user = await store.repos.users.findById(userId)
      if (!user || user.daily_digest !== 1) return false
      const rows = await store.repos.notifications.forDigest(userId, DIGEST_LIMIT)
      if (rows.length === 0) return false
      const message = digestEmail({
        to: user.email,
        locale: localeSchema.catch('sv').parse(user.locale),
        publicUrl,
        items: rows.map(toNotification),
      })
      await emails(message, `digest:${userId}:${date}`)
      await store.repos.notifications.markEmailed(
        userId,
        rows.map((r) => r.id),
        clock.now().toISOString(),
      )
      return true
    },
  }
}
export type NotificationService = ReturnType<typeof notificationService>

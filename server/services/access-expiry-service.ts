import { NETWORK_NAMES, type Network } from '../../core/channels/networks.js'
import { warningHorizon } from '../../core/channels/access-expiry.js'
import { localeSchema } from '../../core/locale.js'
import { type Clock, systemClock } from '../clock.js'
import type { StoreOf } from '../repos/index.js'
import { type EmailOutbox, accessExpiryEmail } from './emails.js'

export interface AccessExpiryDeps {
  store: StoreOf<'channels' | 'memberships' | 'users'>
  emails: EmailOutbox
  publicUrl: string
  emailAvailable: boolean
  clock?: Clock
}

/**
 * Warns a library's Ansvariga by e-mail when a channel's access to its network
 * is about to end (within 14 days) or has ended: once per channel and expiry.
 * Each mail is queued under a key naming the channel, the expiry and the
 * person, before the channel is marked as warned, so a scan that dies between
 * the two queues nothing twice; a reconnection brings a new expiry, warned of in its turn.
 */
export function accessExpiryService(deps: AccessExpiryDeps) {
  const clock = deps.clock ?? systemClock
  const { repos } = deps.store

  return {
    /** Returns how many channels were warned of. */
    async warnEnding(now = clock.now()): Promise<number> {
      if (!deps.emailAvailable) return 0
      let warned = 0
      for (const channel of await repos.channels.accessEnding(warningHorizon(now).toISOString())) {
        const expiresAt = new Date(channel.access_expires_at!).toISOString()
        if (channel.access_warned_for === expiresAt) continue
        const admins = (await repos.memberships.listForLibrary(channel.library_id)).filter(
          (m) => m.role === 'admin',
        )
        for (const admin of admins) {
          const user = await repos.users.findById(admin.userId)
          await deps.emails(
            accessExpiryEmail({
              to: admin.email,
              locale: localeSchema.catch('sv').parse(user?.locale),
              libraryName: channel.library_name,
              channel: `${NETWORK_NAMES[channel.network as Network] ?? channel.network} ${channel.handle}`,
              expiresAt,
              timeZone: channel.time_zone,
              ended: Date.parse(expiresAt) <= now.getTime(),
              url: `${deps.publicUrl}/bibliotek/${channel.library_id}/kanaler`,
            }),
            `access-expiry:${channel.id}:${expiresAt}:${admin.userId}`,
          )
        }
        await repos.channels.markAccessWarned(channel.library_id, channel.id, expiresAt)
        warned++
      }
      return warned
    },
  }
}
export type AccessExpiryService = ReturnType<typeof accessExpiryService>

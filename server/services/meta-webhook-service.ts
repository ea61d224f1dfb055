import { DomainError } from '../../core/errors.js'
import type { MetaWebhooks } from '../adapters/meta/webhooks.js'
import { type Clock, systemClock } from '../clock.js'
import type { Logger } from '../logger.js'
import type { StoreOf } from '../repos/index.js'

/**
 * Meta's webhooks as a doorbell: a signed event about a connected account
 * brings that channel's next read forward to now, and the interaction reader
 * (which looks for due channels every few seconds) polls it. What the event
 * itself says is not stored: the poll is the record, so a forged or replayed
 * event can at most cause an early read.
 */
export function metaWebhookService(deps: {
  store: StoreOf<'channels' | 'ingest'>
  webhooks: MetaWebhooks
  logger: Logger
  clock?: Clock
}) {
  const { store, webhooks } = deps
  const clock = deps.clock ?? systemClock
  return {
    /** Meta's subscription check: the challenge back, or a refusal. */
    verify(query: { mode?: string; token?: string; challenge?: string }): string {
      const challenge = webhooks.challenge(query)
      if (challenge === undefined) throw new DomainError('webhook_verification_failed')
      return challenge
    },

    /** A POSTed event: checked against the app secret, then the accounts it names are read soon. */
    async receive(
      rawBody: Uint8Array,
      signature: string | undefined,
    ): Promise<{ channels: number }> {
      if (!webhooks.signedByMeta(rawBody, signature))
        throw new DomainError('webhook_signature_invalid')
      let payload: unknown
      try {
        payload = JSON.parse(Buffer.from(rawBody).toString('utf8'))
      } catch {
        throw new DomainError('malformed_json')
      }
      const accounts = webhooks.accountsIn(payload)
      const channels = await store.repos.channels.findLiveByAccounts(
        [...new Set(accounts.flatMap((a) => a.networks))],
        [...new Set(accounts.map((a) => a.accountId))],
      )
      const wanted = channels.filter((c) =>
        accounts.some(
          (a) =>
            a.accountId === c.account_remote_id &&
            (a.networks as readonly string[]).includes(c.network),
        ),
      )
      await store.repos.ingest.readSoon(
        wanted.map((c) => c.id),
        clock.now().toISOString(),
      )
      if (accounts.length > 0 && wanted.length === 0)
        deps.logger.info({ accounts: accounts.length }, 'Meta webhook for no connected channel')
      return { channels: wanted.length }
    },
  }
}
export type MetaWebhookService = ReturnType<typeof metaWebhookService>

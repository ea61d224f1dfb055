import { z } from 'zod'
import type { Mailer } from '../adapters/mail/mailer.js'
import { type SecretBox, derivedSecretBox } from '../security/secret-box.js'
import type { EmailOutbox } from '../services/emails.js'
import { type JobQueue, defineJob } from './queue.js'

/**
 * The text travels sealed: reset and invitation links must not lie readable
 * in the jobs table (SQLite) or pg-boss's tables for the week finished jobs
 * are kept. `text` is the format queued before sealing, read once on upgrade.
 */
export const sendEmailPayload = z
  .object({
    to: z.email(),
    subject: z.string().min(1).max(300),
    sealedText: z.string().min(1).max(200_000).optional(),
    text: z.string().min(1).max(100_000).optional(),
    key: z.string().min(1),
  })
  .refine((p) => (p.sealedText === undefined) !== (p.text === undefined), {
    message: 'either sealedText or text',
  })

/**
 * The outbox's own key, derived from the session secret: the links inside are
 * keyed hashes under that same secret, so they live and die with it, and a
 * rotation of the encryption key never strands a queued email.
 */
export function outboxBox(sessionSecret: string): SecretBox {
  return derivedSecretBox(sessionSecret, 'email-outbox')
}

export function sendEmailJob(mailer: Mailer, box: SecretBox) {
  return defineJob({
    name: 'send-email',
    payload: sendEmailPayload,
    retries: 8,
    retryDelaySeconds: 30,
    timeoutSeconds: 60,
    async handle(payload) {
      const text = payload.sealedText ? box.open(payload.sealedText, payload.key) : payload.text!
      await mailer.send({ to: payload.to, subject: payload.subject, text }, payload.key)
    },
  })
}

/** Queues an email with its text sealed; the same key queues it once. */
export function emailOutbox(
  queue: JobQueue,
  job: ReturnType<typeof sendEmailJob>,
  box: SecretBox,
): EmailOutbox {
  return async ({ to, subject, text }, key) => {
    await queue.send(job, { to, subject, sealedText: box.seal(text, key), key }, { key })
  }
}

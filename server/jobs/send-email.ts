import { z } from 'zod'
import { type Mailer, RecipientRefusedError } from '../adapters/mail/mailer.js'
import { type SecretBox, derivedSecretBox } from '../security/secret-box.js'
import type { EmailOutbox, EmailReceipts } from '../services/emails.js'
import { type JobQueue, defineJob } from './queue.js'

// Base64 of a file of about 7.5 MB: far above a one-page report, well below what mail servers take.
const MAX_ATTACHMENT_BASE64 = 10_000_000

/**
 * The text travels sealed: reset and invitation links must not lie readable
 * in the jobs table (SQLite) or pg-boss's tables for the week finished jobs
 * are kept. `text` is the format queued before sealing, read once on upgrade.
 * Attachments (a monthly report's PDF) hold no links and travel as base64.
 */
export const sendEmailPayload = z
  .object({
    to: z.email(),
    subject: z.string().min(1).max(300),
    sealedText: z.string().min(1).max(200_000).optional(),
    text: z.string().min(1).max(100_000).optional(),
    attachments: z
      .array(
        z.object({
          filename: z.string().min(1).max(200),
          contentType: z.string().min(1).max(100),
          base64: z.string().max(MAX_ATTACHMENT_BASE64),
        }),
      )
      .max(5)
      .optional(),
    /** Told whether the mail went out or was refused (a report's delivery). */
    receipt: z.string().min(1).max(300).optional(),
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

export const SEND_EMAIL_JOB = 'send-email'

export function sendEmailJob(
  mailer: Mailer,
  box: SecretBox,
  receipts: () => EmailReceipts | undefined = () => undefined,
) {
  return defineJob({
    name: SEND_EMAIL_JOB,
    payload: sendEmailPayload,
    retries: 8,
    retryDelaySeconds: 30,
    timeoutSeconds: 60,
    async handle(payload) {
      const text = payload.sealedText ? box.open(payload.sealedText, payload.key) : payload.text!
      const attachments = payload.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.base64, 'base64'),
      }))
      try {
        await mailer.send(
          { to: payload.to, subject: payload.subject, text, attachments },
          payload.key,
        )
      } catch (error) {
        // A refused address is final: retrying would only knock on the same door eight times.
        if (!(error instanceof RecipientRefusedError)) throw error
        if (payload.receipt) await receipts()?.refused(payload.receipt, payload.to, error.response)
        return
      }
      // Once sent, a failure to note it must not send it again: the receipt waits, the mail does not.
      if (payload.receipt)
        await receipts()
          ?.sent(payload.receipt, payload.to)
          .catch(() => undefined)
    },
  })
}

/** Queues an email with its text sealed; the same key queues it once. */
export function emailOutbox(
  queue: JobQueue,
  job: ReturnType<typeof sendEmailJob>,
  box: SecretBox,
): EmailOutbox {
  return async ({ to, subject, text, attachments, receipt }, key) => {
    await queue.send(
      job,
      {
        to,
        subject,
        sealedText: box.seal(text, key),
        key,
        ...(attachments?.length && {
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            base64: Buffer.from(a.content).toString('base64'),
          })),
        }),
        ...(receipt && { receipt }),
      },
      { key },
    )
  }
}

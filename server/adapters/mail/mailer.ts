import type { Logger } from '../../logger.js'

export interface EmailAttachment {
  filename: string
  contentType: string
  content: Uint8Array
}

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  attachments?: EmailAttachment[] | undefined
}

/**
 * The receiving server refused the address for good (a 5xx answer to RCPT
 * TO): sending again cannot help, and whoever keeps the address should hear.
 */
export class RecipientRefusedError extends Error {
  constructor(readonly response: string) {
    super(response)
    this.name = 'RecipientRefusedError'
  }
}

/** Sends one email. Without SMTP it logs only the recipient and subject. */
export interface Mailer {
  readonly kind: 'smtp' | 'log'
  send(message: OutgoingEmail, idempotencyKey: string): Promise<void>
  verify(): Promise<void>
}

/** nodemailer's error when every recipient was refused: `EENVELOPE` with the server's answer. */
function refusal(error: unknown): RecipientRefusedError | undefined {
  const e = error as { code?: string; responseCode?: number; response?: string }
  if (e?.code !== 'EENVELOPE' || !e.responseCode || e.responseCode < 500 || e.responseCode > 599)
    return undefined
  return new RecipientRefusedError((e.response ?? String(e.responseCode)).slice(0, 300))
}

export function createMailer(options: {
  smtpUrl: string | undefined
  from: string
  logger: Logger
}): Mailer {
  const { smtpUrl, from, logger } = options
  if (!smtpUrl) {
    return {
      kind: 'log',
      async send(message) {
        // Never the text: it may hold a reset or invitation link, and logs travel further than the database.
        logger.info(
          { email: { to: message.to, subject: message.subject } },
          'email not sent: no SMTP_URL is set',
        )
      },
      async verify() {},
    }
  }
  // nodemailer is loaded on first use: most starts never send mail.
  let transport: Promise<import('nodemailer').Transporter> | undefined
  const connect = () =>
    (transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl, { from })))
  return {
    kind: 'smtp',
    async send(message, idempotencyKey) {
      // A stable Message-ID lets a receiving server drop the copy a retry may send.
      const domain = from.match(/@([^>\s]+)/)?.[1] ?? 'torget.local'
      try {
        await (
          await connect()
        ).sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content),
          })),
          messageId: `<${idempotencyKey.replace(/[^\w.-]/g, '_')}@${domain}>`,
        })
      } catch (error) {
        throw refusal(error) ?? error
      }
    },
    async verify() {
      await (await connect()).verify()
    },
  }
}

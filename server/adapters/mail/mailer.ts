import type { Logger } from '../../logger.js'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
}

/** Sends one email. Without SMTP it logs only the recipient and subject. */
export interface Mailer {
  readonly kind: 'smtp' | 'log'
  send(message: OutgoingEmail, idempotencyKey: string): Promise<void>
  verify(): Promise<void>
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
      await (
        await connect()
      ).sendMail({
        ...message,
        messageId: `<${idempotencyKey.replace(/[^\w.-]/g, '_')}@${domain}>`,
      })
    },
    async verify() {
      await (await connect()).verify()
    },
  }
}

import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string[]
  subject: string
  text: string
  messageId: string | undefined
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[]
}

/**
 * A real SMTP server on loopback that keeps what it receives. Addresses for
 * which `refuse` says yes are turned away at RCPT TO with a permanent 550, as
 * a receiving server does with a mailbox that does not exist.
 */
export async function startSmtpServer(options: { refuse?: (address: string) => boolean } = {}) {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              messageId: mail.messageId,
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            })
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(
      predicate: (m: ReceivedMail) => boolean,
      timeoutMs = 15_000,
    ): Promise<ReceivedMail> {
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        const hit = received.find(predicate)
        if (hit) return hit
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`no matching email within ${timeoutMs} ms; got ${received.length}`)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

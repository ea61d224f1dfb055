import { z } from 'zod'
import type { Mailer } from '../adapters/mail/mailer.js'
import { defineJob } from './queue.js'

export const sendEmailPayload = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
  key: z.string().min(1),
})

export function sendEmailJob(mailer: Mailer) {
  return defineJob({
    name: 'send-email',
    payload: sendEmailPayload,
    retries: 8,
    retryDelaySeconds: 30,
    timeoutSeconds: 60,
    async handle(payload) {
      await mailer.send(
        { to: payload.to, subject: payload.subject, text: payload.text },
        payload.key,
      )
    },
  })
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shiftedClock } from '../test/clock.js'
import { availableDialects } from '../test/databases.js'
import { addMember } from '../test/harness.js'
import { type MetaApp, startMetaApp } from '../test/meta.js'
import { startSmtpServer } from '../test/smtp.js'
import { waitFor } from '../jobs/test-fixtures/helpers.js'
import { SEND_EMAIL_JOB } from '../jobs/send-email.js'

/*
 * Meta's long-lived tokens last about 60 days. Two weeks before a channel's
 * access ends, each Ansvarig of the library gets one e-mail about it, through
 * the outbox and a real SMTP server; a reconnection starts a new period that is
 * warned of in its turn.
 */
const DAY = 86_400_000
const SCOPES = ['pages_show_list', 'pages_manage_posts', 'instagram_content_publish']

describe.each(await availableDialects())('warning before Meta access ends, on %s', (dialect) => {
  const clock = shiftedClock()
  let meta: MetaApp
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  const warnings = () => smtp.received.filter((m) => /^Torget: (åtkomsten|access)/.test(m.subject))
  const service = () => meta.app.torget.services.accessExpiry
  /*
   * The shifted clock also times the SQLite queue's leases: a mail already
   * handed to SMTP whose job is not yet marked done would, after a jump of a
   * day, look abandoned and go out again. Production clocks do not jump.
   */
  const mailJobsDone = async (channelIds: string[], expiresAt: string[]) => {
    const admins = await meta.app.torget.database.db
      .selectFrom('users')
      .select('id')
      .where('email', 'in', ['astrid@bibliotek.test', 'andra.ansvarig@bibliotek.test'])
      .execute()
    const keys = channelIds.flatMap((channel, i) =>
      admins.map(
        (a) => `access-expiry:${channel}:${new Date(expiresAt[i]!).toISOString()}:${a.id}`,
      ),
    )
    await waitFor(async () => {
      const states = await Promise.all(
        keys.map((key) => meta.app.torget.queue.status({ name: SEND_EMAIL_JOB }, key)),
      )
      return states.every((s) => s?.state === 'completed')
    })
  }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    meta = await startMetaApp(dialect, {
      scopes: SCOPES,
      clock,
      env: { SMTP_URL: smtp.url, SMTP_FROM: 'Torget <torget@bibliotek.test>' },
    })
    await meta.connect('facebook')
    await addMember(meta.app, meta.admin, meta.libraryId, 'admin', 'andra.ansvarig@bibliotek.test')
    await addMember(meta.app, meta.admin, meta.libraryId, 'editor', 'redaktor@bibliotek.test')
    await meta.app.torget.database.db
      .updateTable('users')
      .set({ locale: 'en' })
      .where('email', '=', 'andra.ansvarig@bibliotek.test')
      .execute()
    await meta.app.torget.startWorker()
  })
  afterAll(async () => {
    await meta?.close()
    await smtp?.close()
  })

  it('says nothing while the access has more than two weeks left', async () => {
    const { instagram } = await meta.channels()
    const left = Date.parse(instagram!.accessExpiresAt!) - clock.now().getTime()
    expect(left).toBeGreaterThan(50 * DAY)
    expect(await service().warnEnding()).toBe(0)
  })

  it('mails every Ansvarig once per channel fourteen days before, with a link to reconnect', async () => {
    const { instagram, facebook } = await meta.channels()
    clock.set(new Date(Date.parse(instagram!.accessExpiresAt!) - 13 * DAY))
    expect(await service().warnEnding()).toBe(2)
    await smtp.waitFor(() => warnings().length === 4)
    await mailJobsDone(
      [instagram!.id, facebook!.id],
      [instagram!.accessExpiresAt!, facebook!.accessExpiresAt!],
    )
    const about = (channel: string) =>
      warnings()
        .filter((m) => m.subject.includes(channel))
        .flatMap((m) => m.to)
        .sort()
    expect(about('Instagram stadsbiblioteket')).toEqual([
      'andra.ansvarig@bibliotek.test',
      'astrid@bibliotek.test',
    ])
    expect(about('Facebook Stadsbiblioteket')).toHaveLength(2)
    // Each in the Ansvarig's own language.
    const swedish = warnings().find((m) => m.to.includes('astrid@bibliotek.test'))!
    expect(swedish.subject).toMatch(/åtkomsten till .+ går ut \d+ \S+ 20\d\d/)
    expect(swedish.text).toContain(`/bibliotek/${meta.libraryId}/kanaler`)
    expect(swedish.text).toContain('Anslut igen')
    const english = warnings().find((m) => m.to.includes('andra.ansvarig@bibliotek.test'))!
    expect(english.subject).toMatch(/access to .+ ends/)

    // The hourly scan again, and again a day later: nothing more is sent.
    expect(await service().warnEnding()).toBe(0)
    clock.advance(DAY)
    expect(await service().warnEnding()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(warnings()).toHaveLength(4)
  })

  it('warns again about the new period after a reconnection, when it in turn runs out', async () => {
    clock.set(new Date())
    await meta.connect('facebook')
    const { facebook } = await meta.channels()
    expect(await service().warnEnding()).toBe(0)
    clock.set(new Date(Date.parse(facebook!.accessExpiresAt!) + DAY))
    expect(await service().warnEnding()).toBe(2)
    await smtp.waitFor(() => warnings().length === 8)
    expect(warnings().map((m) => m.subject)).toContain(
      'Torget: åtkomsten till Facebook Stadsbiblioteket har gått ut',
    )
  })
})

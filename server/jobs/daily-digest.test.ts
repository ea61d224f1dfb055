import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import { availableDialects } from '../test/databases.js'
import {
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import { startSmtpServer } from '../test/smtp.js'
import { dailyDigestJobs } from './daily-digest.js'
import { waitFor } from './test-fixtures/helpers.js'

const ZONE = 'Europe/Stockholm'

describe.each(await availableDialects())('the daily e-mail digest on %s', (dialect) => {
  let app: TestApp
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let admin: TestClient
  let editor: TestClient
  let writer: TestClient
  let libraryId: string
  let runs = 0
  const people: Record<'admin' | 'editor' | 'writer', string> = {
    admin: '',
    editor: '',
    writer: '',
  }
  const today = utcToZoned(new Date(), ZONE).date

  // Invitations are mailed too; these are the digests.
  const digestMails = () => smtp.received.filter((m) => m.subject.startsWith('Torget: '))
  const digestTo = (address: string) =>
    smtp.waitFor((m) => m.subject.startsWith('Torget: ') && m.to.includes(address))

  /** Each person's digest for `date`, as the queue knows it: 'none' when none was queued. */
  const digestsOn = async (date: string) => {
    const { digest } = dailyDigestJobs(app.torget.services.notifications, app.torget.queue)
    const states = await Promise.all(
      Object.entries(people).map(async ([who, id]) => [
        who,
        (await app.torget.queue.status(digest, `digest:${id}:${date}`))?.state ?? 'none',
      ]),
    )
    return Object.fromEntries(states) as Record<keyof typeof people, string>
  }

  /**
   * Runs the scan as the hourly tick would at `time` (library time) on
   * `date`, and waits until it and the digests it queued have run; returns
   * each person's digest for that date.
   */
  const scan = async (date: string, time: string) => {
    const { scan: job } = dailyDigestJobs(app.torget.services.notifications, app.torget.queue)
    const key = `test-scan:${++runs}`
    await app.torget.queue.send(job, { at: zonedToUtc(date, time, ZONE).toISOString() }, { key })
    await waitFor(async () => (await app.torget.queue.status(job, key))?.state === 'completed')
    await waitFor(async () =>
      Object.values(await digestsOn(date)).every((s) => s !== 'pending' && s !== 'active'),
    )
    return digestsOn(date)
  }

  beforeAll(async () => {
    smtp = await startSmtpServer()
    app = await createTestApp(dialect, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Torget <torget@bibliotek.test>',
    })
    await app.torget.startWorker()
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    people.admin = (await admin.get('/api/v1/auth/session')).body.user.id
    ;({ client: editor, userId: people.editor } = await addMember(
      app,
      admin,
      libraryId,
      'editor',
      'editor@bibliotek.test',
    ))
    ;({ client: writer, userId: people.writer } = await addMember(
      app,
      admin,
      libraryId,
      'writer',
      'writer@bibliotek.test',
    ))
    await editor.patch('/api/v1/me', { locale: 'en', name: 'Rasmus Redaktör' })
    await writer.patch('/api/v1/me', { name: 'Sara Skribent' })
  })
  afterAll(async () => {
    await app?.close()
    await smtp?.close()
  })

  it('mails each person with unread news once a day, in their language, and only those who want it', async () => {
    const base = `/api/v1/libraries/${libraryId}`
    const post = (await writer.post(`${base}/posts`, { text: 'Bokcirkeln läser Moberg i vår.' }))
      .body
    await writer.post(`${base}/posts/${post.id}/submit`, { version: post.version })
    expect((await writer.get('/api/v1/notifications/settings')).body).toEqual({
      dailyDigest: true,
      emailAvailable: true,
    })
    const off = await writer.patch('/api/v1/notifications/settings', { dailyDigest: false })
    expect(off.body.dailyDigest).toBe(false)
    await admin.post(`${base}/posts/${post.id}/comments`, { text: '@Sara Skribent snyggt!' })

    // Before seven in the morning nothing is queued, so nothing goes out.
    expect(await scan(today, '06:30')).toEqual({ admin: 'none', editor: 'none', writer: 'none' })
    expect(digestMails()).toHaveLength(0)

    expect(await scan(today, '07:10')).toEqual({
      admin: 'completed',
      editor: 'completed',
      writer: 'none',
    })
    const sv = await digestTo('astrid@bibliotek.test')
    expect(sv.subject).toBe('Torget: 1 oläst notis')
    expect(sv.text).toContain('Stadsbiblioteket')
    expect(sv.text).toContain(
      'Sara Skribent skickade ett inlägg för granskning: "Bokcirkeln läser Moberg i vår."',
    )
    expect(sv.text).toContain(`http://torget.test/bibliotek/${libraryId}/inlagg/${post.id}`)
    const en = await digestTo('editor@bibliotek.test')
    expect(en.subject).toBe('Torget: 1 unread notification')
    expect(en.text).toContain('Sara Skribent sent a post for review')

    // Something new later the same day waits for tomorrow's digest.
    await editor.post(`${base}/posts/${post.id}/comments`, { text: 'Ser bra ut, @Astrid Admin?' })
    expect(await scan(today, '15:00')).toEqual({
      admin: 'completed',
      editor: 'completed',
      writer: 'none',
    })
    expect(digestMails()).toHaveLength(2)
    expect(digestMails().some((m) => m.to.includes('writer@bibliotek.test'))).toBe(false)

    // The next day: only what is new and still unread; nothing for someone who read it all.
    await editor.post('/api/v1/notifications/read-all')
    expect(await scan(addDays(today, 1), '07:00')).toEqual({
      admin: 'completed',
      editor: 'none',
      writer: 'none',
    })
    const next = await smtp.waitFor(
      (m) => m.subject.startsWith('Torget: ') && m.to.includes('astrid@bibliotek.test') && m !== sv,
    )
    expect(next.text).toContain(
      'Rasmus Redaktör nämnde dig i en kommentar: "Ser bra ut, @Astrid Admin?"',
    )
    expect(next.text).not.toContain('Bokcirkeln')
    expect(await scan(addDays(today, 1), '08:00')).toEqual({
      admin: 'completed',
      editor: 'none',
      writer: 'none',
    })
    expect(digestMails()).toHaveLength(3)
  })
})

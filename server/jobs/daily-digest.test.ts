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

const ZONE = 'Europe/Stockholm'

describe.each(await availableDialects())('the daily e-mail digest on %s', (dialect) => {
  let app: TestApp
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let admin: TestClient
  let editor: TestClient
  let writer: TestClient
  let libraryId: string
  let runs = 0
  const today = utcToZoned(new Date(), ZONE).date

  /** Runs the scan as the hourly tick would at `time` (library time) on `date`. */
  const scan = async (date: string, time: string) => {
    const { scan: job } = dailyDigestJobs(app.torget.services.notifications, app.torget.queue)
    runs += 1
    await app.torget.queue.send(
      job,
      { at: zonedToUtc(date, time, ZONE).toISOString() },
      { key: `test-scan:${runs}` },
    )
  }
  const settle = () => new Promise((r) => setTimeout(r, 1500))

  beforeAll(async () => {
    smtp = await startSmtpServer()
    app = await createTestApp(dialect, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Torget <torget@bibliotek.test>',
    })
    await app.torget.startWorker()
    ;({ admin, libraryId } = await setUpFirstLibrary(app))
    editor = (await addMember(app, admin, libraryId, 'editor', 'editor@bibliotek.test')).client
    writer = (await addMember(app, admin, libraryId, 'writer', 'writer@bibliotek.test')).client
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

    // Before seven in the morning nothing goes out.
    await scan(today, '06:30')
    await settle()
    expect(smtp.received).toHaveLength(0)

    await scan(today, '07:10')
    const sv = await smtp.waitFor((m) => m.to.includes('astrid@bibliotek.test'))
    expect(sv.subject).toBe('Torget: 1 oläst notis')
    expect(sv.text).toContain('Stadsbiblioteket')
    expect(sv.text).toContain(
      'Sara Skribent skickade ett inlägg för granskning: "Bokcirkeln läser Moberg i vår."',
    )
    expect(sv.text).toContain(`http://torget.test/bibliotek/${libraryId}/inlagg/${post.id}`)
    const en = await smtp.waitFor((m) => m.to.includes('editor@bibliotek.test'))
    expect(en.subject).toBe('Torget: 1 unread notification')
    expect(en.text).toContain('Sara Skribent sent a post for review')

    // Something new later the same day waits for tomorrow's digest.
    await editor.post(`${base}/posts/${post.id}/comments`, { text: 'Ser bra ut, @Astrid Admin?' })
    await scan(today, '15:00')
    await settle()
    expect(smtp.received).toHaveLength(2)
    expect(smtp.received.some((m) => m.to.includes('writer@bibliotek.test'))).toBe(false)

    // The next day: only what is new and still unread; nothing for someone who read it all.
    await editor.post('/api/v1/notifications/read-all')
    await scan(addDays(today, 1), '07:00')
    const next = await smtp.waitFor((m) => m.to.includes('astrid@bibliotek.test') && m !== sv)
    expect(next.text).toContain(
      'Rasmus Redaktör nämnde dig i en kommentar: "Ser bra ut, @Astrid Admin?"',
    )
    expect(next.text).not.toContain('Bokcirkeln')
    await scan(addDays(today, 1), '08:00')
    await settle()
    expect(smtp.received).toHaveLength(3)
  })
})

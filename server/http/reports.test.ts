import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { firstDay, lastDay, monthOf, nextMonth, previousMonth } from '../../core/stats/months.js'
import { starterStrategy } from '../../core/strategy/starter.js'
import { addDays, utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import { monthlyReportJobs } from '../jobs/monthly-reports.js'
import { waitFor } from '../jobs/test-fixtures/helpers.js'
import { availableDialects } from '../test/databases.js'
import {
  SETUP,
  type TestApp,
  type TestClient,
  addMember,
  createTestApp,
  setUpFirstLibrary,
} from '../test/harness.js'
import {
  backdateLibrary,
  seedAnsweredReplies,
  seedChannel,
  seedFollowers,
  seedPublishedPost,
} from '../test/report-seed.js'
import { startSmtpServer } from '../test/smtp.js'

const ZONE = 'Europe/Stockholm'
const today = utcToZoned(new Date(), ZONE).date
const lastMonth = previousMonth(monthOf(today))
const at = (day: string, time: string) => zonedToUtc(day, time, ZONE).toISOString()
const TOP_POST = 'Välkommen till sagostund på lördag – för små och stora öron!'

async function pdfText(bytes: Uint8Array) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
    mergePages: true,
  })
  return text.replace(/\s+/g, ' ')
}
const plain = (s: string) => s.replace(/\u00a0/g, ' ')

describe.each(await availableDialects())(
  'goals, comparison and the monthly report on %s',
  (dialect) => {
    let app: TestApp
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>
    let admin: TestClient
    let libraryId: string
    let base: string
    const recentPosts = [addDays(today, -2), addDays(today, -3)]

    beforeAll(async () => {
      smtp = await startSmtpServer({ refuse: (address) => address.startsWith('studsar') })
      app = await createTestApp(dialect, {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Torget <torget@bibliotek.test>',
      })
      await app.torget.startWorker()
      ;({ admin, libraryId } = await setUpFirstLibrary(app))
      base = `/api/v1/libraries/${libraryId}`
      const userId = (await admin.get('/api/v1/auth/session')).body.user.id as string
      const db = app.torget.database.db
      await backdateLibrary(db, libraryId, 400)
      const channelId = await seedChannel(db, {
        libraryId,
        userId,
        network: 'bluesky',
        handle: 'stadsbiblioteket.bsky.social',
      })
      // 100 days of followers, four more each day, 640 today.
      await seedFollowers(db, {
        libraryId,
        channelId,
        days: Array.from({ length: 100 }, (_, i) => ({
          day: addDays(today, i - 99),
          followers: 640 - 4 * (99 - i),
        })),
      })
      for (const [n, text] of [
        [5, 'Nya deckare på hyllan i entrén.'],
        [12, TOP_POST],
        [20, 'Vi har stängt på långfredagen.'],
      ] as const)
        await seedPublishedPost(db, {
          libraryId,
          userId,
          channelId,
          text,
          at: at(addDays(firstDay(lastMonth), n - 1), '10:00'),
          counts:
            text === TOP_POST
              ? { likes: 40, reposts: 8, replies: 5, quotes: 1 }
              : { likes: 3, reposts: 0, replies: 1, quotes: 0 },
        })
      for (const day of recentPosts)
        await seedPublishedPost(db, {
          libraryId,
          userId,
          channelId,
          text: 'Öppet i dag',
          at: at(day, '09:00'),
        })
      await seedAnsweredReplies(app.torget, {
        libraryId,
        channelId,
        items: [
          ...[0, 1, 2].map(() => ({
            receivedAt: at(addDays(firstDay(lastMonth), 9), '09:00'),
            answerMinutes: 60,
          })),
          { receivedAt: at(addDays(firstDay(lastMonth), 9), '09:00'), answerMinutes: 6 * 24 * 60 },
        ],
      })

      const document = starterStrategy()
      document.goals = [
        {
          goal: 'Fler följer oss på Bluesky',
          metric: '',
          target: 1000,
          unit: '',
          deadline: lastDay(nextMonth(nextMonth(nextMonth(monthOf(today))))),
          measure: { metric: 'followers', scope: { kind: 'network', network: 'bluesky' } },
        },
        { goal: 'Fler samtal', metric: '', target: 33, unit: '%', deadline: null, measure: null },
        {
          goal: 'Vi publicerar ofta',
          metric: '',
          target: 20,
          unit: '',
          deadline: null,
          measure: { metric: 'posts_published', scope: { kind: 'all' } },
        },
      ]
      expect((await admin.patch(`${base}/strategy/draft`, { version: 0, document })).status).toBe(
        200,
      )
      const version = await admin.post(`${base}/strategy/versions`, { draftVersion: 1 })
      expect(
        (await admin.post(`${base}/strategy/versions/${version.body.id}/approve`)).status,
      ).toBe(200)
    })
    afterAll(async () => {
      await app?.close()
      await smtp?.close()
    })

    it('shows each goal of the policy with where it stands and where the trend takes it', async () => {
      const res = await admin.get(`${base}/strategy/goals/progress`)
      expect(res.status).toBe(200)
      expect(res.body.from).toBe('policy')
      const [followers, talk, posting] = res.body.goals
      expect(followers).toMatchObject({
        status: 'on_track',
        current: 640,
        measureLabel: 'följare på Bluesky',
      })
      expect(plain(followers.sentence)).toMatch(/^1 000 följare på Bluesky till .+: 640, i takt$/)
      expect(talk).toMatchObject({ status: 'not_measurable', current: null })
      expect(talk.sentence).toBe('Inget mått är kopplat till målet, så Torget kan inte följa det.')
      const lately = [
        ...recentPosts,
        ...[5, 12, 20].map((n) => addDays(firstDay(lastMonth), n - 1)),
      ]
      const inWindow = lately.filter((d) => d > addDays(today, -30) && d <= today).length
      expect(posting).toMatchObject({ status: 'no_deadline', current: inWindow })
    })

    it('sends a month only in the first week of the next, from 07:00 on the library’s clock', async () => {
      const reports = app.torget.services.reports
      const on = (day: string, time: string) => zonedToUtc(`${monthOf(today)}-${day}`, time, ZONE)
      // Nobody to send to yet: nothing is due.
      expect(await reports.due(on('02', '08:00'))).toEqual([])
      const added = await admin.post(`${base}/reports/recipients`, { email: 'tidig@kommun.test' })
      expect(await reports.due(on('02', '08:00'))).toEqual([{ scope: libraryId, month: lastMonth }])
      expect(await reports.due(on('01', '06:59'))).toEqual([])
      expect(await reports.due(on('08', '08:00'))).toEqual([])
      expect((await admin.delete(`${base}/reports/recipients/${added.body.id}`)).status).toBe(204)
    })

    it('names a member who gets the report in their registerutdrag', async () => {
      const { userId } = await addMember(app, admin, libraryId, 'editor', 'Redaktor@Bibliotek.test')
      const added = await admin.post(`${base}/reports/recipients`, {
        email: 'redaktor@bibliotek.test',
        name: 'Redaktören',
      })
      expect(added.status).toBe(201)
      const extract = await admin.get(`${base}/personal-data/members/${userId}`)
      expect(extract.body.reportRecipients).toEqual([
        expect.objectContaining({
          name: 'Redaktören',
          email: 'redaktor@bibliotek.test',
          lastSentAt: null,
          bouncedAt: null,
        }),
      ])
      expect((await admin.delete(`${base}/reports/recipients/${added.body.id}`)).status).toBe(204)
      expect(
        (await admin.get(`${base}/personal-data/members/${userId}`)).body.reportRecipients,
      ).toEqual([])
    })

    it('lets only the Ansvarig choose who gets the report, once per address', async () => {
      const { client: reader } = await addMember(
        app,
        admin,
        libraryId,
        'reader',
        'lasare@bibliotek.test',
      )
      expect(
        (await reader.post(`${base}/reports/recipients`, { email: 'x@kommun.test' })).status,
      ).toBe(403)
      expect((await reader.get(`${base}/reports/settings`)).status).toBe(403)
      // Every member may read the report itself.
      expect((await reader.send('GET', `${base}/reports/monthly.html`)).status).toBe(200)
      for (const [email, name] of [
        ['Chef@Kommun.test', 'Bibliotekschefen'],
        ['kulturnamnden@kommun.test', 'Kulturnämnden'],
        ['studsar@kommun.test', 'Gammal adress'],
      ])
        expect((await admin.post(`${base}/reports/recipients`, { email, name })).status).toBe(201)
      const again = await admin.post(`${base}/reports/recipients`, { email: 'chef@kommun.test' })
      expect([again.status, again.body.error.code]).toEqual([409, 'report_recipient_exists'])
      const settings = await admin.get(`${base}/reports/settings`)
      expect(settings.body.recipients.map((r: { email: string }) => r.email)).toEqual([
        'chef@kommun.test',
        'kulturnamnden@kommun.test',
        'studsar@kommun.test',
      ])
      expect(settings.body).toMatchObject({
        emailAvailable: true,
        lastSent: null,
        latestMonth: lastMonth,
      })
    })

    it('sends the month once to each recipient, with the PDF readable in Swedish, and marks the address that bounced', async () => {
      const { scan, report } = monthlyReportJobs(app.torget.services.reports, app.torget.queue)
      // The second day of this month, 08:00 on the library's clock: last month's report is due.
      const scanAt = zonedToUtc(`${monthOf(today)}-02`, '08:00', ZONE).toISOString()
      await app.torget.queue.send(scan, { at: scanAt }, { key: 'test-scan-1' })
      const chef = await smtp.waitFor((m) => m.to.includes('chef@kommun.test'))
      await smtp.waitFor((m) => m.to.includes('kulturnamnden@kommun.test'))
      expect(chef.subject).toMatch(/^Sociala medier i \p{L}+ \d{4} – Stadsbiblioteket$/u)
      expect(chef.text).toContain('I korthet:')
      expect(chef.text).toContain(
        'Du får rapporten för att Stadsbiblioteket har valt dig som mottagare',
      )
      expect(chef.attachments).toHaveLength(1)
      const pdf = chef.attachments[0]!
      expect([pdf.contentType, pdf.filename]).toEqual([
        'application/pdf',
        `manadsrapport-stadsbiblioteket-${lastMonth}.pdf`,
      ])
      const text = await pdfText(pdf.content)
      expect(text).toContain('Månadsrapport för Stadsbiblioteket')
      expect(text).toContain('Följare under månaden')
      expect(text).toContain('Det här fungerade bäst')
      expect(text).toContain(`”${TOP_POST}” – Bluesky`)
      expect(text).toContain('54 engagemang (40 gilla, 8 delningar, 5 svar, 1 citat)')
      expect(text).toContain('Målen i strategin')
      expect(text).toContain('Fler följer oss på Bluesky: 1 000 följare på Bluesky till')
      expect(text).toContain('4 frågor besvarades')
      expect(text).toContain('75 % fick svar inom svarsmålet (inom 24 timmar på vardagar)')

      const bounced = async () =>
        (await admin.get(`${base}/reports/settings`)).body.recipients.find(
          (r: { email: string }) => r.email === 'studsar@kommun.test',
        )
      await waitFor(async () => (await bounced()).bouncedAt !== null)
      expect((await bounced()).bounceReason).toMatch(/550/)

      // The job and the scan again, with keys the queue has not seen: nothing more goes out.
      await app.torget.queue.send(report, { scope: libraryId, month: lastMonth }, { key: 'again' })
      await app.torget.queue.send(scan, { at: scanAt }, { key: 'test-scan-2' })
      await waitFor(
        async () => (await app.torget.queue.status(report, 'again'))?.state === 'completed',
      )
      await waitFor(
        async () => (await app.torget.queue.status(scan, 'test-scan-2'))?.state === 'completed',
      )
      const reportsTo = (address: string) =>
        smtp.received.filter(
          (m) => m.to.includes(address) && m.subject.startsWith('Sociala medier'),
        )
      expect(reportsTo('chef@kommun.test')).toHaveLength(1)
      expect(reportsTo('kulturnamnden@kommun.test')).toHaveLength(1)
      expect(reportsTo('studsar@kommun.test')).toHaveLength(0)
      const settings = await admin.get(`${base}/reports/settings`)
      expect(settings.body.lastSent.month).toBe(lastMonth)
      const chefRow = settings.body.recipients.find(
        (r: { email: string }) => r.email === 'chef@kommun.test',
      )
      expect(chefRow.lastSentAt).not.toBeNull()

      // Cleared, the address is tried again from the next report on.
      const retry = await admin.post(`${base}/reports/recipients/${(await bounced()).id}/retry`)
      expect([retry.status, retry.body.bouncedAt]).toEqual([200, null])
    })

    it('sends a test to the Ansvarig now, and gives the report as HTML and PDF on demand', async () => {
      const sent = await admin.post(`${base}/reports/test`, {})
      expect(sent.status).toBe(202)
      expect(sent.body).toEqual({ to: SETUP.email, month: lastMonth })
      const mail = await smtp.waitFor(
        (m) => m.to.includes(SETUP.email) && m.subject.startsWith('Test: '),
      )
      expect(mail.text).toContain('Det här är ett test')
      expect(await pdfText(mail.attachments[0]!.content)).toContain(
        'Månadsrapport för Stadsbiblioteket',
      )

      const html = await admin.send('GET', `${base}/reports/monthly.html?month=${lastMonth}`)
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const page = await html.text()
      expect(page).toContain('<h2>Det här fungerade bäst</h2>')
      expect(page).toContain('role="img"')
      const file = await admin.send('GET', `${base}/reports/monthly.pdf`)
      expect(file.headers.get('content-type')).toBe('application/pdf')

      const future = await admin.get(
        `${base}/reports/monthly.pdf?month=${nextMonth(monthOf(today))}`,
      )
      expect([future.status, future.body.error.code]).toEqual([400, 'report_month_not_over'])
      expect((await admin.get(`${base}/reports/monthly.pdf?month=2026-13`)).status).toBe(400)
    })

    it('compares with the medians of other consenting libraries, and with none below three', async () => {
      const others: string[] = []
      for (const name of ['Norrbiblioteket', 'Södra biblioteket', 'Västbiblioteket']) {
        const created = await admin.post('/api/v1/libraries', { name })
        expect(created.status).toBe(201)
        others.push(created.body.id)
        await backdateLibrary(app.torget.database.db, created.body.id, 400)
      }
      const optIn = (id: string, optedIn = true) =>
        admin.patch(`/api/v1/libraries/${id}/reports/comparison`, { optedIn })
      const compare = () => admin.get(`${base}/stats/comparison?month=${lastMonth}`)

      // Not taking part: the library sees its own figures only.
      let res = await compare()
      expect(res.body).toMatchObject({ optedIn: false, shown: false, peers: 0, minPeers: 3 })
      expect((await optIn(libraryId)).body.optedIn).toBe(true)
      await optIn(others[0]!)
      await optIn(others[1]!)
      res = await compare()
      expect(res.body).toMatchObject({ optedIn: true, shown: false, peers: 2 })
      expect(res.body.rows.every((r: { median: number | null }) => r.median === null)).toBe(true)
      expect(
        res.body.rows.find((r: { metric: string }) => r.metric === 'posts_published').own,
      ).toBe(3)

      await optIn(others[2]!)
      res = await compare()
      expect(res.body).toMatchObject({ optedIn: true, shown: true, peers: 3 })
      expect(
        res.body.rows.find((r: { metric: string }) => r.metric === 'posts_published'),
      ).toMatchObject({
        own: 3,
        median: 0,
      })
      // Which libraries take part, and their own figures, are never told.
      for (const id of others) expect(JSON.stringify(res.body)).not.toContain(id)
      expect(JSON.stringify(res.body)).not.toContain('Norrbiblioteket')

      const audit = await admin.get(`${base}/audit?action=stats.comparison_joined`)
      expect(audit.body.items).toHaveLength(1)
    })

    it('gives Torget’s administrator the installation’s report, summing the consenting libraries', async () => {
      const file = await admin.send(
        'GET',
        `/api/v1/instance/reports/monthly.pdf?month=${lastMonth}`,
      )
      expect(file.status).toBe(200)
      const text = await pdfText(new Uint8Array(await file.arrayBuffer()))
      expect(text).toContain('Biblioteken i Torget: 4 bibliotek tillsammans')
      expect(text).not.toContain('Det här fungerade bäst')
      const added = await admin.post('/api/v1/instance/reports/recipients', {
        email: 'region@kommun.test',
        name: 'Regionens kulturchef',
      })
      expect(added.status).toBe(201)
      expect((await admin.get('/api/v1/instance/reports/settings')).body.recipients).toHaveLength(1)
      await app.torget.services.reports.send('instance', lastMonth)
      const region = await smtp.waitFor((m) => m.to.includes('region@kommun.test'))
      expect(region.subject).toMatch(/^Sociala medier i \p{L}+ \d{4} – Biblioteken i Torget$/u)
      expect(await pdfText(region.attachments[0]!.content)).toContain('4 bibliotek tillsammans')

      const { client: editor } = await addMember(
        app,
        admin,
        libraryId,
        'editor',
        'red@bibliotek.test',
      )
      const refused = await editor.get('/api/v1/instance/reports/settings')
      expect([refused.status, refused.body.error.code]).toEqual([403, 'instance_report_forbidden'])
    })
  },
)

import crypto from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, utcToZoned } from '../core/time/zoned.js'
import { startSmtpServer } from '../server/test/smtp.js'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

const ADMIN = 'ansvarig@exempelbiblioteket.se'

describe.runIf(chromiumAvailable())('goals and the monthly report in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let libraryPath: string

  beforeAll(async () => {
    smtp = await startSmtpServer()
    torget = await startTorget(
      { SMTP_URL: smtp.url, SMTP_FROM: 'Torget <torget@exempelbiblioteket.se>' },
      ['--demo=members'],
    )
    browser = await launchBrowser()
    // What collection would have kept: a Bluesky account read daily for 100 days, four new
    // followers a day, 640 today; and an address the mail server once refused.
    const db = new Database(path.join(torget.dataDir, 'torget.sqlite'))
    const library = db.prepare('select id from libraries').get() as { id: string }
    const user = db.prepare('select id from users where email = ?').get(ADMIN) as { id: string }
    const now = new Date().toISOString()
    const channelId = crypto.randomUUID()
    db.prepare(
      `insert into channels (id, library_id, network, account_remote_id, handle, display_name,
        profile_url, credentials, limits, health, checked_at, created_by, created_at)
       values (?, ?, 'bluesky', 'did:plc:e2e', 'exempelbiblioteket.bsky.social', 'Exempelbiblioteket',
        '', 'not-used', '{}', 'ok', ?, ?, ?)`,
    ).run(channelId, library.id, now, user.id, now)
    const today = utcToZoned(new Date(), 'Europe/Stockholm').date
    const sample = db.prepare(
      `insert into account_metrics (channel_id, library_id, day, sampled_at, followers)
       values (?, ?, ?, ?, ?)`,
    )
    for (let i = 0; i < 100; i++) {
      const day = addDays(today, i - 99)
      sample.run(channelId, library.id, day, `${day}T06:00:00.000Z`, 640 - 4 * (99 - i))
    }
    db.prepare(
      `insert into report_recipients (id, scope, library_id, email, name, created_by, created_at,
        bounced_at, bounce_reason)
       values (?, ?, ?, 'gammal@kommun.test', 'Förra chefen', ?, ?, ?, '550 5.1.1 Mailbox unavailable')`,
    ).run(crypto.randomUUID(), library.id, library.id, user.id, now, now)
    db.close()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await smtp?.close()
  })

  async function signedIn(): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    libraryPath = await signIn(page, torget.url, ADMIN)
    return page
  }

  async function expectAccessible(page: Page, label: string) {
    await page.waitForLoadState('networkidle')
    const violations = await seriousViolations(page)
    expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()

  it('links a goal to followers on Bluesky and shows its progress and forecast on the policy page', async () => {
    const page = await signedIn()
    await page.goto(`${torget.url}${libraryPath}/strategi/utkast`)
    await page.getByRole('tab', { name: '2. Mål' }).click()
    const measure = page.getByLabel('Följ upp med').first()
    await expect.poll(() => measure.inputValue()).toBe('followers')
    await page
      .getByLabel('Var', { exact: true })
      .first()
      .selectOption({ label: 'Alla kanaler på Bluesky' })
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Sparat /)
    // The second goal of the starter text has no measure: it can be given one, or left as words.
    await expect.poll(() => page.getByLabel('Följ upp med').nth(1).inputValue()).toBe('')
    await expectAccessible(page, 'builder, goals')
    await page.getByRole('button', { name: 'Godkänn som policy' }).click()
    await expect
      .poll(() => page.getByText('Version 1 är godkänd och gäller nu.').count())
      .toBeGreaterThan(0)

    await page.goto(`${torget.url}${libraryPath}/strategi`)
    const goals = page.getByRole('region', { name: 'Så går det med målen' })
    await expect.poll(() => goals.count()).toBe(1)
    const first = goals.getByRole('listitem').first()
    await expect
      .poll(async () => (await first.textContent())?.replace(/\u00a0/g, ' '))
      .toMatch(/1 500 följare på Bluesky till .+: 640, (i takt|efter \(i den här takten [\d ]+\))/)
    // Drawn, not only announced: the bar has a height once its styles are in the page.
    const bar = goals.getByRole('progressbar', { name: /Fler följer biblioteket/ })
    await expect.poll(async () => (await bar.boundingBox())?.height ?? 0).toBeGreaterThan(0)
    expect(await bar.getAttribute('aria-valuenow')).toBe('43')
    await expect
      .poll(() =>
        goals.getByText('Inget mått är kopplat till målet, så Torget kan inte följa det.').count(),
      )
      .toBe(1)
    await expectAccessible(page, 'policy with goals')
  })

  it('lets the Ansvarig choose recipients, see a bounce, send a test and join the comparison', async () => {
    const page = await signedIn()
    await page.goto(`${torget.url}${libraryPath}/installningar`)
    await page.getByRole('link', { name: 'Månadsrapport och jämförelse' }).click()
    await expect.poll(() => heading(page)).toBe('Månadsrapport och jämförelse')

    const own = page.getByRole('region', { name: 'Vilka som får rapporten' })
    const table = own.getByRole('table', { name: 'Mottagare av månadsrapporten' })
    await expect
      .poll(() => table.getByRole('row', { name: /gammal@kommun\.test/ }).textContent())
      .toContain('Adressen studsade')
    await expectAccessible(page, 'report settings')

    await own.getByLabel('E-postadress').fill('inte en adress')
    await own.getByRole('button', { name: 'Lägg till', exact: true }).click()
    await expect.poll(() => own.getByText(/^Skriv en e-postadress/).count()).toBe(1)
    await own.getByLabel('Namn eller roll').fill('Kulturnämnden')
    await own.getByLabel('E-postadress').fill('kultur@kommun.test')
    await own.getByRole('button', { name: 'Lägg till', exact: true }).click()
    await expect
      .poll(() => table.getByRole('row', { name: /kultur@kommun\.test/ }).textContent())
      .toContain('Inte skickad ännu')

    await page.getByRole('button', { name: 'Försök igen med gammal@kommun.test' }).click()
    await expect
      .poll(() => table.getByRole('row', { name: /gammal@kommun\.test/ }).textContent())
      .toContain('Inte skickad ännu')

    await own.getByRole('button', { name: 'Skicka ett test till mig nu' }).click()
    await expect
      .poll(() => page.getByText(`Ett test av rapporten är på väg till ${ADMIN}.`).count())
      .toBeGreaterThan(0)
    const mail = await smtp.waitFor((m) => m.to.includes(ADMIN) && m.subject.startsWith('Test: '))
    expect(mail.attachments[0]!.contentType).toBe('application/pdf')

    await page.getByLabel('Biblioteket är med i jämförelsen').check()
    await expect.poll(() => page.getByText(/^Med sedan /).count()).toBe(1)
    await expectAccessible(page, 'report settings after changes')

    // The report as a web page: the same as the PDF, readable without Torget's own pages.
    const html = await own.getByRole('link', { name: /som webbsida$/ }).getAttribute('href')
    await page.goto(`${torget.url}${html}`)
    await expect.poll(() => heading(page)).toMatch(/^Sociala medier i \p{L}+ \d{4}$/u)
    await expect
      .poll(() => page.getByRole('img', { name: 'Följare under månaden', exact: true }).count())
      .toBe(1)
    await expectAccessible(page, 'the report as a web page')

    await page.goto(`${torget.url}${libraryPath}/statistik`)
    const compare = page.getByRole('region', { name: 'Jämfört med andra bibliotek' })
    await expect
      .poll(() => compare.textContent())
      .toContain(
        'Jämförelsen visas när minst 3 andra bibliotek är med. Nu är 0 andra bibliotek med.',
      )
    await expectAccessible(page, 'statistics with the comparison')
  })
})

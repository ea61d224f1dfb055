import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import { addDays, utcToZoned, zonedToUtc } from '../core/time/zoned.js'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

const TZ = 'Europe/Stockholm'
const SWEDISH_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
]
const ADMIN = { email: 'astrid@bibliotek.test', password: 'ett-langt-losenord' }

describe.runIf(chromiumAvailable())('the planning calendar, in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let page: Page
  let libraryId: string
  let cookie: string
  let csrf: string

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${torget.url}/api/v1${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  beforeAll(async () => {
    torget = await startTorget()
    const setup = await fetch(`${torget.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Astrid Admin',
        ...ADMIN,
        libraryName: 'Stadsbiblioteket',
        setupCode: await torget.setupCode(),
      }),
    })
    const session = await setup.json()
    cookie = setup.headers.get('set-cookie')!.split(';')[0]!
    csrf = session.csrfToken
    libraryId = session.memberships[0].libraryId
    // A connected channel without a network behind it: nothing here is due before the test ends.
    const db = new SQLite(path.join(torget.dataDir, 'torget.sqlite'))
    const now = new Date().toISOString()
    db.prepare(
      `insert into channels (id, library_id, network, account_remote_id, handle, display_name, profile_url,
        credentials, limits, health, health_code, checked_at, created_by, created_at, deleted_at)
       values ('c1', ?, 'bluesky', 'did:plc:e2e', 'stadsbiblioteket.test', 'Stadsbiblioteket', '', 'x', ?, 'ok', null, ?, ?, ?, null)`,
    ).run(libraryId, JSON.stringify(BLUESKY_LIMITS), now, session.user.id, now)
    db.close()
    browser = await launchBrowser()
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  it(
    'shows a scheduled post in the month, moves it by dragging and by “Flytta till…”, at the same time of day',
    { timeout: 120_000 },
    async () => {
      // The 10th of next month at 10:00 in Stockholm: in the future, and in one month grid.
      const month = addDays(`${utcToZoned(new Date(), TZ).date.slice(0, 8)}01`, 40).slice(0, 8)
      const day = (n: number) => `${month}${String(n).padStart(2, '0')}`
      const draft = await api('POST', `/libraries/${libraryId}/posts`, {
        text: 'Bokcirkel om vårens nya romaner, välkomna!',
        channelIds: ['c1'],
      })
      const scheduled = await api(
        'POST',
        `/libraries/${libraryId}/posts/${draft.body.id}/schedule`,
        {
          at: zonedToUtc(day(10), '10:00', TZ).toISOString(),
          version: draft.body.version,
        },
      )
      expect(scheduled.status).toBe(200)
      const planned = await api('POST', `/libraries/${libraryId}/posts`, {
        text: 'Utkast utan datum: sommarlovsläsning',
      })
      expect(planned.status).toBe(201)

      await signIn(page, torget.url, ADMIN.email, ADMIN.password)
      await page.goto(`${torget.url}/bibliotek/${libraryId}/planering?datum=${day(1)}`)

      const cell = (n: number) => page.locator(`li.cal-day[data-date="${day(n)}"]`)
      const entry = page.locator(`.cal-entry[data-post-id="${draft.body.id}"]`)
      await expect.poll(() => cell(10).locator('.cal-entry').count()).toBe(1)
      // Swedish writes month names in lower case, also at the head of the calendar (as shown).
      expect(await page.locator('h2.cal-title').innerText()).toBe(
        `${SWEDISH_MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`,
      )
      expect(await entry.textContent()).toContain('10:00')
      expect(await entry.textContent()).toContain('Schemalagt')
      expect(await entry.getByRole('link').textContent()).toBe(
        'Bokcirkel om vårens nya romaner, välkomna!',
      )
      expect(
        await page.getByRole('complementary', { name: /Ej planerat/ }).textContent(),
      ).toContain('sommarlovsläsning')
      expect(await seriousViolations(page)).toEqual([])

      // Dragged by its text, where a person takes hold of it.
      await entry.getByRole('link').dragTo(cell(12))
      await expect.poll(() => cell(12).locator('.cal-entry').count()).toBe(1)
      await expect
        .poll(
          async () =>
            (await api('GET', `/libraries/${libraryId}/posts/${draft.body.id}`)).body.scheduledAt,
        )
        .toBe(zonedToUtc(day(12), '10:00', TZ).toISOString())
      await expect.poll(() => page.getByText(/Flyttat till/).count()).toBeGreaterThan(0)

      // The same move without a mouse: focus the entry's action, pick a day and a time.
      const move = page.getByRole('button', { name: /^Flytta till… Bokcirkel om vårens/ })
      await expect.poll(() => move.count()).toBe(1)
      await move.focus()
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Flytta inlägget' })
      await dialog.getByLabel('Datum').fill(day(14))
      await dialog.getByLabel('Tid').fill('10:00')
      // Polled: while the dialog fades in, its colours are not yet its own.
      await expect.poll(() => seriousViolations(page)).toEqual([])
      await dialog.getByRole('button', { name: 'Flytta', exact: true }).click()
      await expect
        .poll(
          async () =>
            (await api('GET', `/libraries/${libraryId}/posts/${draft.body.id}`)).body.scheduledAt,
        )
        .toBe(zonedToUtc(day(14), '10:00', TZ).toISOString())
      await expect.poll(() => cell(14).locator('.cal-entry').count()).toBe(1)
      expect(await cell(12).locator('.cal-entry').count()).toBe(0)

      // The week and the list show the same post; every view passes axe.
      await page.getByText('Vecka', { exact: true }).click()
      await page.waitForURL(/vy=vecka/)
      await page.goto(`${torget.url}/bibliotek/${libraryId}/planering?vy=vecka&datum=${day(14)}`)
      await expect.poll(() => cell(14).locator('.cal-entry').count()).toBe(1)
      expect(await seriousViolations(page)).toEqual([])
      await page.getByText('Lista', { exact: true }).click()
      await expect.poll(() => page.getByRole('region', { name: new RegExp(`14 `) }).count()).toBe(1)
      expect(await entry.textContent()).toContain('Bokcirkel om vårens nya romaner')
      expect(await seriousViolations(page)).toEqual([])

      // Subscribing: a secret address, shown once, that answers with the plan as iCalendar.
      await page.getByRole('button', { name: 'Prenumerera' }).click()
      const feed = page.getByRole('dialog', { name: 'Prenumerera på publiceringsplanen' })
      await feed.getByRole('button', { name: 'Skapa adress' }).click()
      const address = feed.getByLabel('Hemlig adress till kalendern')
      await expect.poll(() => address.inputValue()).toMatch(/\/api\/v1\/public\/calendar-feeds\//)
      const ics = await (await fetch(await address.inputValue())).text()
      expect(ics).toContain('SUMMARY:Bokcirkel om vårens nya romaner\\, välkomna!')
      await expect.poll(() => seriousViolations(page)).toEqual([])
      await page.keyboard.press('Escape')

      await page.screenshot({
        fullPage: true,
      })
      // Opening the entry goes to the composer.
      await entry.hover()
      await entry.getByRole('link').click()
      await page.waitForURL(new RegExp(`/inlagg/${draft.body.id}$`))
    },
  )
})

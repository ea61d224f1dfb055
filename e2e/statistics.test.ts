import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../server/db/database.js'
import { createLogger } from '../server/logger.js'
import { statsRollupStore } from '../server/repos/stats-rollup-repo.js'
import { rollupService } from '../server/services/stats/rollup-service.js'
import { EXPECTED, type StatsScenario, seedStatsScenario } from '../server/test/stats-seed.js'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

describe.runIf(chromiumAvailable())('the Statistik page in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let database: DatabaseHandle
  let scenario: StatsScenario

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    browser = await launchBrowser()
    // The library's March, stored as ingest stores it; the figures are counted as the worker does.
    database = openDatabase({
      url: undefined,
      sqlitePath: path.join(torget.dataDir, 'torget.sqlite'),
    })
    const library = await database.db.selectFrom('libraries').select('id').executeTakeFirstOrThrow()
    const author = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'redaktor@exempelbiblioteket.se')
      .executeTakeFirstOrThrow()
    scenario = await seedStatsScenario(database.db, library.id, author.id)
    await rollupService({
      store: statsRollupStore(database.db),
      logger: createLogger('silent'),
    }).catchUp()
  })
  afterAll(async () => {
    await database?.close()
    await browser?.close()
    await torget?.stop()
  })

  async function signedIn(email: string): Promise<{ page: Page; libraryPath: string }> {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    return { page, libraryPath: await signIn(page, torget.url, email) }
  }

  it(
    'shows a Läsare the month’s figures with how each is counted, every chart with its table and CSV',
    { timeout: 120_000 },
    async () => {
      const { page, libraryPath } = await signedIn('lasare@exempelbiblioteket.se')
      await page.goto(`${torget.url}${libraryPath}/statistik`)
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Statistik')
      const tabs = page.getByRole('navigation', { name: 'Delar av Statistik' })
      expect(await tabs.getByRole('link', { name: 'Översikt' }).getAttribute('aria-current')).toBe(
        'page',
      )
      expect(await tabs.getByRole('link', { name: 'Stegen' }).getAttribute('href')).toBe(
        `${libraryPath}/statistik/stegen`,
      )

      await page.getByLabel('Från och med').fill(EXPECTED.from)
      await page.getByLabel('Till och med').fill(EXPECTED.to)
      await page.getByRole('button', { name: 'Visa statistik' }).click()
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toMatch(/^Visar 1 mars 2026 – 31 mars 2026, 2 kanaler/)

      const figure = (key: string) => page.locator(`[data-figure="${key}"]`).textContent()
      expect(await figure('postsPublished')).toBe('3')
      expect(await figure('likes')).toBe('9')
      expect(await figure('followers')).toBe('120')
      expect(await figure('followerChange')).toBe('+20')
      expect(await figure('engagementPerPost')).toBe('5')
      expect(await figure('engagementRate')).toBe('4,17 %')
      // How it is counted, beside the figure.
      await page
        .getByText('Bluesky och Mastodon visar inte hur många som sett ett inlägg', {
          exact: false,
        })
        .first()
        .waitFor()

      // Each chart's numbers as a table, for a screen reader and on request for everyone.
      const activity = page.getByRole('table', { name: 'Aktivitet över tid' })
      const midnight = activity.getByRole('row', { name: /^15 mars 2026/ })
      expect((await midnight.getByRole('cell').allTextContents()).slice(0, 2)).toEqual(['0', '2'])
      const section = page.getByRole('region', { name: 'Aktivitet över tid' })
      await section.getByRole('button', { name: 'Visa siffrorna som tabell' }).click()
      await activity.waitFor({ state: 'visible' })
      for (const name of [
        'Följare över tid',
        'Engagemang per kanal',
        'Vad som gjorde skillnad',
        'Kampanjer och deras mål',
        'Egna, betalda och förtjänade',
        'Bästa tid att publicera',
        'Svarstider',
      ])
        expect([name, await page.getByRole('table', { name }).count()]).toEqual([name, 1])
      const campaign = page
        .getByRole('table', { name: 'Kampanjer och deras mål' })
        .getByRole('row', { name: /Bokfestivalen/ })
      expect(await campaign.textContent()).toContain('Fler unga besökare till bokfestivalen')

      const best = page.getByRole('list', { name: 'Bästa' }).getByRole('listitem').first()
      expect(await best.textContent()).toContain('Vilken bok läser du just nu?')
      expect(await best.textContent()).toContain('Gick bättre än snittet:')
      const weakest = page.getByRole('list', { name: 'Svagaste' }).getByRole('listitem')
      expect(await weakest.textContent()).toContain('betald spridning')
      expect(await page.getByText(/För lite historik ännu/).count()).toBe(1)

      const csv = page.getByRole('link', { name: 'Ladda ner ”Aktivitet över tid” som CSV' })
      const href = await csv.getAttribute('href')
      expect(href).toContain('/stats/csv/activity?from=2026-03-01&to=2026-03-31')
      const file = await page.request.get(`${torget.url}${href}`)
      expect(file.headers()['content-disposition']).toBe(
        'attachment; filename="statistik-activity-2026-03-01-2026-03-31.csv"',
      )
      const text = (await file.body()).toString('utf8')
      expect(text.startsWith('\uFEFFFrån;Inlägg;Gilla;')).toBe(true)

      await page.waitForLoadState('networkidle')
      const violations = await seriousViolations(page)
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([])

      // The ladder is the other part of Statistik.
      await tabs.getByRole('link', { name: 'Stegen' }).click()
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stegen')
    },
  )

  it('lets a Redaktör mark a post as a paid boost on its page', { timeout: 60_000 }, async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inlagg/${scenario.posts.a}`)
    const boost = page.getByLabel('Biblioteket betalar för att sprida inlägget (boost)')
    await boost.waitFor()
    expect(await boost.isChecked()).toBe(false)
    await boost.check()
    await expect
      .poll(() => page.getByText('Inlägget räknas nu som betald spridning.').count())
      .toBe(1)
    const violations = await seriousViolations(page)
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([])
  })
})

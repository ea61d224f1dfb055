import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

/** The next 14 March still ahead, far enough that the whole plan (T−14 …) lies in the future. */
function nextFourteenthOfMarch(): string {
  const now = new Date()
  for (let year = now.getUTCFullYear(); ; year++) {
    if (Date.UTC(year, 2, 14) - 15 * 24 * 3600 * 1000 > now.getTime()) return `${year}-03-14`
  }
}

describe.runIf(chromiumAvailable())('an Ansvarig planning a campaign in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  it(
    'creates a campaign for Bokfestival, accepts the proposed plan and sees the drafts on the campaign page',
    { timeout: 120_000 },
    async () => {
      const libraryPath = await signIn(page, torget.url, 'ansvarig@exempelbiblioteket.se')

      await page.goto(`${torget.url}${libraryPath}/planering/kampanjer`)
      await page.getByRole('heading', { level: 1, name: 'Kampanjer' }).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('link', { name: 'Ny kampanj' }).click()
      await page.getByRole('heading', { level: 1, name: 'Ny kampanj' }).waitFor()

      // A peak in the past is refused, in words.
      await page.getByLabel('Namn', { exact: true }).fill('Bokfestival')
      await page.getByLabel('Mål', { exact: true }).fill('Fler unga på festivalen')
      await page.getByLabel('Toppdag').fill('2020-03-14')
      await page.getByLabel('Klockslag').fill('10:00')
      await page.getByRole('button', { name: 'Skapa kampanjen' }).click()
      await page.getByText('Toppen ligger redan bakåt i tiden').waitFor()
      expect(await seriousViolations(page)).toEqual([])

      const peakDate = nextFourteenthOfMarch()
      await page.getByLabel('Toppdag').fill(peakDate)
      await page.getByRole('button', { name: 'Skapa kampanjen' }).click()
      await page.waitForURL(/\/planering\/kampanjer\/[\w-]+$/)
      await page.getByRole('heading', { level: 1, name: 'Bokfestival' }).waitFor()
      await page.getByRole('heading', { name: 'Föreslagen plan' }).waitFor()
      const slots = page.getByRole('list', { name: 'Inläggen i planen' }).getByRole('listitem')
      // The plan is drawn once the proposal has been read, which may come after its heading.
      await expect.poll(() => slots.count()).toBe(7)
      expect(await seriousViolations(page)).toEqual([])

      await page.getByRole('button', { name: 'Skapa 7 utkast' }).click()
      const posts = page.getByRole('list', { name: 'Kampanjens inlägg' }).getByRole('listitem')
      await expect.poll(() => posts.count(), { timeout: 15_000 }).toBe(7)
      expect(await posts.first().textContent()).toContain('T−14 · Uppbyggnad')
      expect(await posts.nth(3).textContent()).toContain('T · Toppen')
      expect(await posts.last().textContent()).toContain('T+7 · Uppföljning')
      expect(await page.getByRole('heading', { name: 'Föreslagen plan' }).count()).toBe(0)
      await page.getByText('Skrivna: 0 av 7').first().waitFor()
      await page.getByText('kommer när statistiken finns').waitFor()
      expect(await page.getByRole('link', { name: /i redigeraren/ }).count()).toBe(7)
      expect(await seriousViolations(page)).toEqual([])

      await page.getByRole('link', { name: 'Kampanjer', exact: true }).click()
      await page.getByRole('link', { name: 'Bokfestival' }).waitFor()
      await page.getByText('0 av 7 skrivna').waitFor()
    },
  )

  it(
    'shows the events page and sets up a weekly post in turn, accessibly',
    { timeout: 60_000 },
    async () => {
      await page.getByRole('link', { name: 'Evenemang', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'Evenemang' }).waitFor()
      await page.getByLabel('Kalenderns adress').fill('http://127.0.0.1:9/kalender.ics')
      await page.getByRole('button', { name: 'Lägg till kalendern' }).click()
      await page.getByText('Adressen pekar på ett internt nätverk').waitFor()
      expect(await seriousViolations(page)).toEqual([])

      await page.getByRole('link', { name: 'Veckans postning', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'Veckans postning' }).waitFor()
      await page.getByRole('button', { name: 'Nytt återkommande inlägg' }).click()
      await page.getByRole('combobox', { name: 'De som turas om' }).click()
      await page.getByRole('option', { name: 'Sara Skribent' }).click()
      await page.getByRole('option', { name: 'Rasmus Redaktör' }).click()
      await page.keyboard.press('Escape')
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('button', { name: 'Spara' }).click()
      await page.getByText('Turordning: Sara Skribent → Rasmus Redaktör').waitFor()
      await page.getByText(/Nästa utkast: fredag .*, skrivs av Sara Skribent/).waitFor()
      expect(await seriousViolations(page)).toEqual([])
    },
  )
})

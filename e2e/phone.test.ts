import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
  untranslatedKeys,
} from './support.js'

const PHONE = { width: 390, height: 844 }
/** Every page of a library the Ansvarig sees, with the calendar in each of its views. */
const PAGES = [
  'planering',
  'planering?vy=manad',
  'planering?vy=vecka',
  'planering/kampanjer',
  'planering/kampanjer/ny',
  'planering/evenemang',
  'planering/veckans-postning',
  'inlagg/nytt',
  'inkorg',
  'inkorg/svarstider',
  'inkorg/installningar',
  'ideer',
  'statistik',
  'statistik/stegen',
  'min-vag',
  'strategi',
  'strategi/utkast',
  'strategi/versioner',
  'arkiv',
  'arkiv/utlamnanden',
  'arkiv/gallring',
  'arkiv/rapport',
  'arkiv/personuppgifter',
  'kanaler',
  'medlemmar',
  'installningar',
  'installningar/rapporter',
  'installningar/granskningslogg',
]
const ENGLISH_PAGES = [
  'planering',
  'inlagg/nytt',
  'inkorg',
  'inkorg/installningar',
  'statistik/stegen',
  'strategi',
  'arkiv/personuppgifter',
  'installningar',
]

describe.runIf(chromiumAvailable())('Torget on a phone, in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser

  beforeAll(async () => {
    // The living demo: its practice channel has items waiting in Inkorg.
    torget = await startTorget({}, ['--demo'])
    browser = await launchBrowser()
  })
  /** A member signed in on a device of their own: a phone in Swedish unless told otherwise. */
  async function signedIn(
    email: string,
    device: { viewport?: { width: number; height: number }; locale?: string } = {},
  ): Promise<{ page: Page; libraryPath: string }> {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: PHONE, ...device })
    const page = await context.newPage()
    return { page, libraryPath: await signIn(page, torget.url, email) }
  }

  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  it('Inkorg opens an item in place of the list, and goes back to the same place', async () => {
    const { page: phone, libraryPath } = await signedIn('svarare@exempelbiblioteket.se')
    await phone.goto(`${torget.url}${libraryPath}/inkorg`)
    const list = phone.getByRole('list', { name: 'Ärenden' })
    const links = list.getByRole('link')
    await expect.poll(() => links.count(), { timeout: 30_000 }).toBeGreaterThan(3)
    // An item far down the list: on a phone its conversation used to open below all the others.
    const chosen = links.nth(3)
    const name = (await chosen.textContent())!
    await chosen.scrollIntoViewIfNeeded()
    await chosen.click()

    const item = phone.getByRole('article', { name })
    await item.waitFor()
    const heading = item.getByRole('heading', { level: 2, name })
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true)
    const box = (await heading.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height)
    expect(await list.count()).toBe(0)
    expect(await item.getByLabel('Ditt svar').count()).toBe(1)
    expect(await seriousViolations(phone)).toEqual([])

    await phone.getByRole('link', { name: 'Tillbaka till listan' }).click()
    await list.waitFor()
    expect(await item.count()).toBe(0)
    const back = links.nth(3)
    expect(await back.textContent()).toBe(name)
    await expect.poll(() => back.evaluate((el) => el === document.activeElement)).toBe(true)
    const again = (await back.boundingBox())!
    expect(again.y).toBeGreaterThanOrEqual(0)
    expect(again.y + again.height).toBeLessThanOrEqual(PHONE.height)
  })

  it('keeps the bell and its whole count in the header; the library name gives way', async () => {
    const { page } = await signedIn('ansvarig@exempelbiblioteket.se')
    // The Ansvarig of the demo has dozens of unread notices: a two-digit count.
    const bell = page.getByRole('button', { name: /^Notiser, \d+ olästa$/ })
    await expect
      .poll(async () => Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0]))
      .toBeGreaterThan(9)
    const count = (await bell.getAttribute('aria-label'))!.match(/\d+/)![0]
    const badge = bell.locator('.mantine-Badge-label')
    expect(await badge.textContent()).toBe(count)
    expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    expect((await bell.locator('svg').boundingBox())!.width).toBe(22)
  })

  it('Planering starts as a list of days, and the month grid is still a tap away', async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/planering`)
    const views = page.getByRole('radiogroup')
    await expect.poll(() => views.getByRole('radio', { name: 'Lista' }).isChecked()).toBe(true)
    // Each day of the list is a heading with the whole date, readable at this width.
    await page.locator('.cal-agenda-heading').first().waitFor()
    expect(
      await page.getByRole('heading', { level: 3, name: /december|januari/ }).count(),
    ).toBeGreaterThan(0)
    await views.getByText('Månad').click()
    await page.waitForURL(/vy=manad/)
    expect(await views.getByRole('radio', { name: 'Månad' }).isChecked()).toBe(true)
  })

  it('no page scrolls sideways at 320 px (WCAG 1.4.10: a phone, or 400 % zoom), axe finds nothing serious, no text is missing', async () => {
    const { page, libraryPath } = await signedIn('ansvarig@exempelbiblioteket.se', {
      viewport: { width: 320, height: 640 },
    })
    const wide: string[] = []
    const failing: string[] = []
    // The Content-Security-Policy forbids eval and inline scripts; nothing on a page may try.
    const blocked: string[] = []
    await page.exposeFunction('reportBlocked', (what: string) => blocked.push(what))
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportBlocked(what: string): void }).reportBlocked(
          `${location.pathname}: ${event.violatedDirective} (${event.blockedURI})`,
        ),
      ),
    )
    for (const path of PAGES) {
      await page.goto(`${torget.url}${libraryPath}/${path}`)
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
      // Tables may scroll inside their own box; the page itself may not.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      if (overflow > 0) wide.push(`${path}: ${overflow} px`)
      for (const v of await seriousViolations(page)) failing.push(`${path}: ${v.id}`)
      for (const key of await untranslatedKeys(page)) failing.push(`${path}: ${key}`)
    }
    expect(wide).toEqual([])
    expect(failing).toEqual([])
    expect(blocked).toEqual([])
  }, 120_000)

  it('a page of each section in English on a desktop: axe finds nothing serious, no text is missing', async () => {
    const { page, libraryPath } = await signedIn('ansvarig@exempelbiblioteket.se', {
      viewport: { width: 1280, height: 720 },
      locale: 'en-GB',
    })
    await page.getByRole('button', { name: /Konto och språk för/ }).click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await page.getByRole('link', { name: 'Planning' }).first().waitFor()
    const failing: string[] = []
    // Every page was checked in Swedish above; the same pages in English differ in their words.
    for (const path of ENGLISH_PAGES) {
      await page.goto(`${torget.url}${libraryPath}/${path}`)
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
      for (const v of await seriousViolations(page)) failing.push(`${path}: ${v.id}`)
      for (const key of await untranslatedKeys(page)) failing.push(`${path}: ${key}`)
    }
    expect(failing).toEqual([])
    // Networks keep their brand names; the practice channel is Torget's own, named in English here.
    await page.goto(`${torget.url}${libraryPath}/inkorg`)
    await expect
      .poll(() => page.getByText(/^Practice channel @ovningskanalen/).count())
      .toBeGreaterThan(0)
  }, 120_000)
})

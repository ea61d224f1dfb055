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

describe.runIf(chromiumAvailable())('the inbox on a phone, in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let phone: Page

  beforeAll(async () => {
    // The living demo: its practice channel has items waiting in Inkorg.
    torget = await startTorget({}, ['--demo'])
    browser = await launchBrowser()
    phone = await (
      await browser.newContext({ locale: 'sv-SE', viewport: { width: 390, height: 844 } })
    ).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  it('opens an item in place of the list, and goes back to the same place', async () => {
    const libraryPath = await signIn(phone, torget.url, 'svarare@exempelbiblioteket.se')
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
    expect(box.y + box.height).toBeLessThanOrEqual(844)
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
    expect(again.y + again.height).toBeLessThanOrEqual(844)
  })

  it('keeps the bell and its whole count in the header; the library name gives way', async () => {
    const context = await browser.newContext({
      locale: 'sv-SE',
      viewport: { width: 390, height: 844 },
    })
    const page = await context.newPage()
    // The Ansvarig of the demo has dozens of unread notices: a two-digit count.
    await signIn(page, torget.url, 'ansvarig@exempelbiblioteket.se')
    const bell = page.getByRole('button', { name: /^Notiser, \d+ olästa$/ })
    await bell.waitFor()
    const label = (await bell.getAttribute('aria-label'))!
    const count = label.match(/\d+/)![0]
    expect(Number(count)).toBeGreaterThan(9)
    const badge = bell.locator('.mantine-Badge-label')
    expect(await badge.textContent()).toBe(count)
    expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    expect((await bell.locator('svg').boundingBox())!.width).toBe(22)
    await context.close()
  })
})

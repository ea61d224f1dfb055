import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

describe.runIf(chromiumAvailable())('the answer target in the strategy builder', () => {
  let torget: RunningTorget
  let browser: Browser
  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  it('lets the Ansvarig set the answer target in Svarshantering, and keeps it', async () => {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    const path = await signIn(page, torget.url, 'ansvarig@exempelbiblioteket.se')
    await page.goto(`${torget.url}${path}/strategi/utkast`)
    await page.getByRole('tab', { name: /Svarshantering/ }).click()
    await expect
      .poll(() => page.getByText('Så står det i policyn: inom 24 timmar på vardagar.').count())
      .toBe(1)
    await page.getByLabel('Antal timmar').fill('8')
    await page.getByLabel('Bara under öppettiderna').check()
    await expect
      .poll(() => page.getByText('Så står det i policyn: inom 8 timmar räknat i öppettid.').count())
      .toBe(1)
    await page.getByLabel('Stänger (måndag)').fill('09:00')
    await expect
      .poll(() => page.getByText('Stängningstiden måste vara efter öppningstiden.').count())
      .toBe(1)
    await page.getByLabel('Stänger (måndag)').fill('18:00')
    await page.getByLabel('Öppet på söndag').check()
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Sparat /)
    const violations = await seriousViolations(page)
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([])
    await page.reload()
    await page.getByRole('tab', { name: /Svarshantering/ }).click()
    await expect.poll(() => page.getByLabel('Stänger (måndag)').inputValue()).toBe('18:00')
    await expect.poll(() => page.getByLabel('Öppnar (söndag)').count()).toBe(1)
  })
})

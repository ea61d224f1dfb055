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

describe.runIf(chromiumAvailable())(
  'approving a policy changes what the composer says, in Chromium',
  () => {
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

    const avoided = () =>
      page.getByText('"brukare" står på bibliotekets lista över ord att undvika')

    it(
      'checks a draft against the defaults, then against the approved policy’s words',
      { timeout: 120_000 },
      async () => {
        const libraryPath = await signIn(page, torget.url, 'ansvarig@exempelbiblioteket.se')
        const write = async () => {
          await page.goto(`${torget.url}${libraryPath}/planering`)
          await page.getByRole('link', { name: 'Nytt inlägg' }).first().click()
          await page
            .getByLabel('Text', { exact: true })
            .fill('Alla våra brukare är välkomna på bokcirkeln i kväll. Vad läser du just nu?')
        }

        await write()
        await expect
          .poll(() => page.getByText('Biblioteket har ingen godkänd policy än').count())
          .toBe(1)
        expect(await avoided().count()).toBe(0)

        // The starter strategy lists "brukare" among the words to avoid; approving it makes it policy.
        await page.goto(`${torget.url}${libraryPath}/strategi/utkast`)
        await page.getByRole('button', { name: 'Godkänn som policy' }).click()
        await expect
          .poll(() => page.getByText(/Version 1 är godkänd och gäller nu/).count())
          .toBe(1)

        await write()
        await expect.poll(() => avoided().count()).toBe(1)
        expect(await page.getByText('Biblioteket har ingen godkänd policy än').count()).toBe(0)
        await page.getByRole('button', { name: 'Byt till "besökare"' }).click()
        await expect
          .poll(() => page.getByLabel('Text', { exact: true }).inputValue())
          .toContain('Alla våra besökare är välkomna')
        await expect.poll(() => avoided().count()).toBe(0)
        expect(await seriousViolations(page)).toEqual([])
      },
    )
  },
)

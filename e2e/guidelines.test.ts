import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, utcToZoned } from '../core/time/zoned.js'
import { type BlueskyNetwork, startBlueskyNetwork } from '../server/test/bluesky.js'
import { ALLOW_LOOPBACK } from '../server/test/outbound.js'
import {
  chromiumAvailable,
  connectBluesky,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

// Made up, with a correct check digit.
const PERSONNUMMER = '870315-2382'

describe.runIf(chromiumAvailable())('the library’s guidelines in the composer, in Chromium', () => {
  let network: BlueskyNetwork
  let torget: RunningTorget
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    network = await startBlueskyNetwork()
    // The test PDS listens on loopback, which Torget reaches only when allowed.
    torget = await startTorget(ALLOW_LOOPBACK, ['--demo=members'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await network?.close()
  })

  const blockingList = () =>
    page.getByRole('list', { name: /Stoppar publicering/ }).getByRole('listitem')

  it(
    'stops a draft with a personnummer and an image without alt text, until both are fixed',
    { timeout: 180_000 },
    async () => {
      const libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')

      await connectBluesky(page, torget.url, libraryPath, network)

      await page.goto(`${torget.url}${libraryPath}/planering`)
      await page.getByRole('link', { name: 'Nytt inlägg' }).first().click()
      const text = `Vi har hittat ett lånekort med nummer ${PERSONNUMMER} i läsesalen. Hämta det i informationsdisken!`
      await page.getByLabel('Text', { exact: true }).fill(text)
      await expect
        .poll(() => page.getByText('Biblioteket har ingen godkänd policy än').count())
        .toBe(1)
      const png = await sharp({
        create: { width: 40, height: 30, channels: 3, background: '#2a6' },
      })
        .png()
        .toBuffer()
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: png })
      await page.waitForURL(/\/inlagg\//)

      await expect
        .poll(() => blockingList().allTextContents(), { timeout: 15_000 })
        .toEqual([
          expect.stringContaining('Texten innehåller ett personnummer'),
          expect.stringContaining('Bild 1 saknar alt-text'),
        ])
      expect(await page.getByText(/Inlägget kan inte publiceras ännu: 2 saker/).count()).toBe(1)
      expect(await seriousViolations(page)).toEqual([])

      // Shown in the text: the number is selected in the text field.
      await blockingList().first().getByRole('button', { name: 'Visa i texten' }).click()
      expect(
        await page.evaluate(() => {
          const field = document.activeElement as HTMLTextAreaElement
          return field.value.slice(field.selectionStart, field.selectionEnd)
        }),
      ).toBe(PERSONNUMMER)

      await page.getByRole('button', { name: 'Schemalägg' }).click()
      const problems = page.getByRole('alert').filter({ hasText: 'Det här behöver rättas' })
      await expect.poll(() => problems.textContent()).toContain('Bild 1 saknar alt-text.')
      expect(await problems.textContent()).toContain('Texten innehåller ett personnummer')
      expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe(
        'Schemalagt inlägg',
      )

      await blockingList()
        .first()
        .getByRole('button', { name: /^Ta bort/ })
        .click()
      await expect
        .poll(() => page.getByLabel('Text', { exact: true }).inputValue())
        .not.toContain(PERSONNUMMER)
      await page.getByLabel('Alt-text för bild 1').fill('Ett blått lånekort på en disk')
      await expect.poll(() => blockingList().count()).toBe(0)
      expect(await page.getByText(/Inlägget kan inte publiceras ännu/).count()).toBe(0)
      expect(await seriousViolations(page)).toEqual([])

      await page.getByRole('button', { name: 'Schemalägg' }).click()
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
        .toBe('Schemalagt inlägg')
      // The "scheduled" notice fades in; axe would measure its contrast half-way.
      await page.getByText('Inlägget är schemalagt.').waitFor()
      await page.waitForFunction(() =>
        document.getAnimations().every((a) => a.playState !== 'running'),
      )
      expect(await seriousViolations(page)).toEqual([])

      // The calendar weighs each channel's posts in the period shown (skyltfönster): one is too few.
      const day = utcToZoned(new Date(), 'Europe/Stockholm').date
      await page.goto(`${torget.url}${libraryPath}/planering?datum=${addDays(day, 1)}`)
      const mix = page.getByRole('region', { name: 'Samtal eller skyltfönster?' })
      await expect
        .poll(() => mix.getByRole('listitem').allTextContents())
        .toEqual([expect.stringMatching(/^Bluesky @\S+: 1 inlägg: för få för att säga något/)])
      expect(await seriousViolations(page)).toEqual([])
    },
  )
})

import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

const PHONE = { width: 360, height: 740 }

describe.runIf(chromiumAvailable())('Idéer, the idea board, on a phone in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  async function onPhone(email: string, locale = 'sv-SE'): Promise<{ page: Page; board: string }> {
    const context = await browser.newContext({
      locale,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    })
    const page = await context.newPage()
    const libraryPath = await signIn(page, torget.url, email)
    const board = `${torget.url}${libraryPath}/ideer`
    await page.goto(board)
    await page.getByRole('heading', { level: 1, name: 'Idéer' }).waitFor()
    return { page, board }
  }

  const expectAxeClean = async (page: Page) => {
    const violations = await seriousViolations(page)
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([])
  }

  const noSideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

  it(
    'lets a Läsare add an idea with a photo and its alt text and support it, and a Skribent make a draft of it; the Läsare is told',
    { timeout: 180_000 },
    async () => {
      const { page: reader, board } = await onPhone('lasare@exempelbiblioteket.se')
      await expectAxeClean(reader)
      expect(await noSideways(reader)).toBe(true)

      await reader.getByLabel('Din idé').fill('Visa bokvagnen som åker till äldreboendet')
      const photo = await sharp({
        create: { width: 800, height: 600, channels: 3, background: '#2f855a' },
      })
        .jpeg()
        .toBuffer()
      await reader.locator('input[type=file]').setInputFiles({
        name: 'lista.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7'),
      })
      await expect
        .poll(() => reader.getByRole('alert').filter({ hasText: 'JPEG, PNG eller WebP' }).count())
        .toBe(1)
      await reader
        .locator('input[type=file]')
        .setInputFiles({ name: 'bokvagnen.jpg', mimeType: 'image/jpeg', buffer: photo })
      // Saving without describing the photo asks for the alt text first.
      await reader.getByRole('button', { name: 'Spara idén' }).click()
      await expect
        .poll(() => reader.getByText('Beskriv fotot, så att den som inte ser bilden').count())
        .toBe(1)
      await reader
        .getByLabel('Beskriv fotot (alt-text)')
        .fill('En grön bokvagn full av böcker i en korridor')
      await expectAxeClean(reader)
      await reader.getByRole('button', { name: 'Spara idén' }).click()

      const card = reader.getByRole('article', {
        name: 'Visa bokvagnen som åker till äldreboendet',
      })
      await card.waitFor()
      await expect
        .poll(() =>
          card.getByRole('img', { name: 'En grön bokvagn full av böcker i en korridor' }).count(),
        )
        .toBe(1)
      await expect
        .poll(() => card.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBe(800)
      expect(await reader.getByLabel('Din idé').inputValue()).toBe('')

      const support = card.getByRole('button', { name: /^Stöd/ })
      expect(await support.getAttribute('aria-pressed')).toBe('false')
      await support.click()
      await expect.poll(() => support.getAttribute('aria-pressed')).toBe('true')
      expect(await support.textContent()).toBe('Stöd (1)')
      // A Läsare does not make drafts: the button is not there.
      expect(await card.getByRole('button', { name: 'Gör utkast' }).count()).toBe(0)
      await expectAxeClean(reader)
      expect(await noSideways(reader)).toBe(true)

      const { page: writer } = await onPhone('skribent@exempelbiblioteket.se')
      expect(writer.url()).toBe(board)
      const writersCard = writer.getByRole('article', {
        name: 'Visa bokvagnen som åker till äldreboendet',
      })
      await writersCard.waitFor()
      expect(await writersCard.getByRole('button', { name: /^Stöd/ }).textContent()).toBe(
        'Stöd (1)',
      )
      await expectAxeClean(writer)
      await writersCard.getByRole('button', { name: 'Gör utkast' }).click()
      const open = writersCard.getByRole('link', { name: 'Öppna utkastet' })
      await open.waitFor()
      expect(await writersCard.getByLabel('Läge').inputValue()).toBe('in_progress')
      await open.click()
      await writer.waitForURL(/\/inlagg\//)
      await expect
        .poll(() => writer.getByRole('textbox', { name: /Text/ }).first().inputValue())
        .toBe('Visa bokvagnen som åker till äldreboendet')
      // The line comes with its own request, after the post.
      await expect
        .poll(() =>
          writer
            .getByText('Från en idé av Lena Läsare: ”Visa bokvagnen som åker till äldreboendet”.')
            .count(),
        )
        .toBe(1)
      await expectAxeClean(writer)

      await reader.reload()
      const bell = reader.getByRole('button', { name: /^Notiser/ })
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notiser, 1 oläst')
      await bell.click()
      const dialog = reader.getByRole('dialog', { name: 'Notiser' })
      await expect
        .poll(() => dialog.getByText('Sara Skribent gjorde ett utkast av din idé').count())
        .toBe(1)
      await expectAxeClean(reader)
    },
  )

  it('shows the board in English', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, isMobile: true })
    const page = await context.newPage()
    const libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')
    await page.getByRole('button', { name: /Konto och språk för/ }).click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
    await page.goto(`${torget.url}${libraryPath}/ideer`)
    await page.getByRole('heading', { level: 1, name: 'Ideas' }).waitFor()
    await page.getByLabel('Your idea').fill('Ask visitors for their summer reads')
    await page.getByRole('button', { name: 'Save the idea' }).click()
    const card = page.getByRole('article', { name: 'Ask visitors for their summer reads' })
    await card.waitFor()
    expect(await card.getByRole('button', { name: 'Support (0)' }).count()).toBe(1)
    await expectAxeClean(page)
    expect(await noSideways(page)).toBe(true)
  })
})

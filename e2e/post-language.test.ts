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

describe.runIf(chromiumAvailable())("a post's language in the composer, in Chromium", () => {
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

  it('starts in the library’s language, writes Arabic right to left, and keeps the choice', async () => {
    const libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/planering`)
    await page.getByRole('link', { name: 'Nytt inlägg' }).first().click()

    const language = page.getByLabel('Språk', { exact: true })
    await expect.poll(() => language.inputValue()).toBe('sv')
    const options = await language.locator('option').allTextContents()
    expect(options).toEqual(
      expect.arrayContaining([
        'svenska',
        'English (engelska)',
        'العربية (arabiska)',
        'Soomaali (somaliska)',
        'فارسی (persiska)',
        'українська (ukrainska)',
        'ትግርኛ (tigrinska)',
      ]),
    )

    const text = page.getByLabel('Text', { exact: true })
    expect(await text.getAttribute('dir')).toBe('auto')
    await language.selectOption('ar')
    await text.fill('حكايات للأطفال يوم السبت في المكتبة')
    expect(await text.getAttribute('dir')).toBe('rtl')
    expect(await text.getAttribute('lang')).toBe('ar')
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Spara utkast' }).click()
    await page.waitForURL(/\/inlagg\/(?!nytt$)[\w-]+$/)
    await page.reload()
    await expect.poll(() => page.getByLabel('Språk', { exact: true }).inputValue()).toBe('ar')
    expect(await page.getByLabel('Text', { exact: true }).getAttribute('dir')).toBe('rtl')
  })
})

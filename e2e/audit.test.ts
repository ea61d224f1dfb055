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

describe.runIf(chromiumAvailable())('the audit log in Chromium', () => {
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

  async function signedIn(email: string): Promise<{ page: Page; libraryPath: string }> {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage()
    return { page, libraryPath: await signIn(page, torget.url, email) }
  }

  it('shows the Ansvarig who changed a setting, in the library’s date format, filtered and exportable', async () => {
    const { page, libraryPath } = await signedIn('ansvarig@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/installningar`)
    await page.getByLabel('Kräv att någon annan godkänner inlägg').check()
    await page.getByRole('button', { name: 'Spara', exact: true }).click()
    await expect.poll(() => page.getByText('Inställningarna är sparade.').count()).toBe(1)

    await page.getByRole('link', { name: 'Granskningslogg' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Granskningslogg')
    const row = page.getByRole('row', { name: /Inställningar ändrade/ })
    await expect.poll(() => row.count()).toBe(1)
    const text = await row.textContent()
    expect(text).toContain('Anna Ansvarig')
    expect(text).toContain('Någon annan måste godkänna: ja')
    // 2026-12-03 10:00, whatever the browser's own language (this one is English).
    expect(text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/)
    await page.waitForLoadState('networkidle')
    const violations = await seriousViolations(page)
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([])

    await page.getByLabel('Händelse', { exact: true }).selectOption('policy.approved')
    await page.getByRole('button', { name: 'Visa', exact: true }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Inga händelser under den här perioden.')
    await page.getByLabel('Från och med').fill('2026-13-01')
    await page.getByRole('button', { name: 'Visa', exact: true }).click()
    await expect
      .poll(() => page.getByText('Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-03.').count())
      .toBe(1)
    const href = await page.getByRole('link', { name: 'Exportera CSV' }).getAttribute('href')
    expect(href).toMatch(/\/audit\/export\.csv\?action=policy\.approved$/)
  })

  it('is not there for a Redaktör', async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/installningar`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Inställningar')
    expect(await page.getByRole('link', { name: 'Granskningslogg' }).count()).toBe(0)
    await page.goto(`${torget.url}${libraryPath}/installningar/granskningslogg`)
    await expect
      .poll(() => page.getByText('Bara den som är Ansvarig kan läsa granskningsloggen.').count())
      .toBe(1)
  })
})

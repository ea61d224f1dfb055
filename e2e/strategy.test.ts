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

const MISSION = 'Vi finns där låntagarna är, och vi vill prata med dem – inte bara informera.'

describe.runIf(chromiumAvailable())('strategy and policy in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let libraryPath: string
  let publicUrl: string

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  async function expectAccessible(page: Page, label: string) {
    await page.waitForLoadState('networkidle')
    const violations = await seriousViolations(page)
    expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    libraryPath = await signIn(page, torget.url, email)
    return page
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
  const subPage = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Strategins sidor' }).getByRole('link', { name })

  it('lets the Ansvarig edit a section from the starter text, autosave it and approve it', async () => {
    const page = await signedIn('ansvarig@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/strategi`)
    await expect.poll(() => heading(page)).toBe('Strategi och policy')
    await expect.poll(() => page.getByText('Ingen policy är godkänd än').count()).toBe(1)
    await expectAccessible(page, 'policy, none approved')

    await subPage(page, 'Skriv strategin').click()
    await expect.poll(() => heading(page)).toBe('Skriv strategin')
    const mission = page.getByLabel('Varför vi finns i sociala medier', { exact: true })
    await expect.poll(() => mission.inputValue()).toMatch(/^Biblioteket finns för alla/)
    await expectAccessible(page, 'builder')
    await mission.fill(MISSION)
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Sparat /)

    await page.getByRole('tab', { name: /Riktlinjer för inlägg/ }).click()
    await page.getByRole('button', { name: 'Lägg till ord vi inte använder' }).click()
    const phrase = page.getByLabel('Ord eller fras', { exact: true }).last()
    await expect.poll(() => phrase.evaluate((el) => el === document.activeElement)).toBe(true)
    // An empty entry is not saved; the field says why.
    await expect
      .poll(() => page.getByText('Inte sparat: rätta det som är markerat').count())
      .toBe(1)
    await phrase.fill('tråkig')
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Sparat /)
    await expectAccessible(page, 'builder, guidelines')

    await page.getByRole('button', { name: 'Godkänn som policy' }).click()
    await expect
      .poll(() => page.getByText('Version 1 är godkänd och gäller nu.').count())
      .toBeGreaterThan(0)

    await subPage(page, 'Versioner').click()
    await expect.poll(() => heading(page)).toBe('Versioner')
    await expect.poll(() => page.getByText('Gäller nu').count()).toBe(1)
    await expectAccessible(page, 'versions')

    await subPage(page, 'Policy').click()
    await expect.poll(() => page.getByText(MISSION).count()).toBe(1)
    await page.getByLabel('Visa policyn på en offentlig länk').check()
    const address = page.getByLabel('Offentlig adress')
    await expect.poll(() => address.inputValue()).toMatch(/\/policy\/[\w-]{20,}$/)
    publicUrl = await address.inputValue()
    await expectAccessible(page, 'policy, approved')
    await page.context().close()
  })

  it('gives a second editor a clear conflict instead of overwriting the first', async () => {
    const first = await signedIn('ansvarig@exempelbiblioteket.se')
    const second = await signedIn('redaktor@exempelbiblioteket.se')
    const mission = (page: Page) =>
      page.getByLabel('Varför vi finns i sociala medier', { exact: true })
    for (const page of [first, second]) {
      await page.goto(`${torget.url}${libraryPath}/strategi/utkast`)
      await expect.poll(() => mission(page).inputValue()).toBe(MISSION)
    }
    await mission(first).fill(`${MISSION} Först.`)
    await expect.poll(() => first.getByRole('status').first().textContent()).toMatch(/^Sparat /)

    await mission(second).fill(`${MISSION} Sedan.`)
    await expect
      .poll(() => second.getByRole('alert').filter({ hasText: 'Inget skrevs över' }).count())
      .toBe(1)
    expect(await second.getByRole('status').first().textContent()).toBe(
      'Inte sparat: någon annan har ändrat',
    )
    await expectAccessible(second, 'builder, conflict')
    await second.getByRole('button', { name: 'Ladda om strategin' }).click()
    await expect.poll(() => mission(second).inputValue()).toBe(`${MISSION} Först.`)

    for (const page of [first, second]) await page.context().close()
  })

  it('lets a Skribent read the policy and confirm it, and the Ansvarig sees who has', async () => {
    const page = await signedIn('skribent@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/strategi`)
    await expect.poll(() => page.getByText(MISSION).count()).toBe(1)
    expect(await page.getByText('tråkig').count()).toBeGreaterThan(0)
    expect(await page.getByText('Visa policyn på en offentlig länk').count()).toBe(0)
    await page.getByRole('button', { name: 'Jag har läst och förstått policyn' }).click()
    await expect
      .poll(() => page.getByText(/Du har bekräftat att du läst den här versionen/).count())
      .toBe(1)
    await expectAccessible(page, 'policy, confirmed')
    await page.goto(`${torget.url}${libraryPath}/strategi/utkast`)
    await expect
      .poll(() => page.getByText(/Din roll kan läsa det men inte ändra det/).count())
      .toBe(1)
    await page.context().close()

    const admin = await signedIn('ansvarig@exempelbiblioteket.se')
    await admin.goto(`${torget.url}${libraryPath}/strategi`)
    const row = admin.getByRole('row', { name: /Sara Skribent/ })
    await expect.poll(() => row.textContent()).not.toContain('Inte än')
    expect(await admin.getByRole('row', { name: /Lena Läsare/ }).textContent()).toContain('Inte än')
    await admin.context().close()
  })

  it('shows the policy at the public link to a signed-out visitor, until it is turned off', async () => {
    const visitor = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    await visitor.goto(publicUrl)
    await expect.poll(() => heading(visitor)).toMatch(/^Policy för sociala medier – /)
    expect(await visitor.getByText(MISSION).count()).toBe(1)
    expect(await visitor.textContent('body')).not.toContain('Anna Ansvarig')
    await expectAccessible(visitor, 'public policy')

    const admin = await signedIn('ansvarig@exempelbiblioteket.se')
    await admin.goto(`${torget.url}${libraryPath}/strategi`)
    await expect.poll(() => admin.getByLabel('Offentlig adress').inputValue()).toBe(publicUrl)
    await admin.getByLabel('Visa policyn på en offentlig länk').uncheck()
    await expect
      .poll(() => admin.getByText('Policyn visas inte längre offentligt.').count())
      .toBeGreaterThan(0)
    expect(await admin.getByLabel('Offentlig adress').count()).toBe(0)
    await visitor.reload()
    await expect.poll(() => heading(visitor)).toBe('Policyn finns inte här')
    await admin.context().close()
    await visitor.context().close()
  })
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer } from '../server/test/smtp.js'
import {
  type RunningTorget,
  chromiumAvailable,
  launchBrowser,
  seriousViolations,
  startTorget,
} from './support.js'

const PASSWORD = 'ett-langt-losenord'

describe.runIf(chromiumAvailable())('a newcomer in Chromium', () => {
  let torget: RunningTorget
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let browser: Browser
  let libraryPath: string
  let inviteLink: string
  const scanned: string[] = []

  beforeAll(async () => {
    smtp = await startSmtpServer()
    torget = await startTorget({ SMTP_URL: smtp.url })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await smtp?.close()
  })

  async function expectAccessible(page: Page, label: string) {
    await page.waitForLoadState('networkidle')
    const violations = await seriousViolations(page)
    expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
    scanned.push(label)
  }

  async function fresh(): Promise<Page> {
    const context = await browser.newContext({ locale: 'sv-SE' })
    return context.newPage()
  }

  it('sets up the first account and library from the setup page, in Swedish', async () => {
    const page = await fresh()
    await page.goto(torget.url)
    await page.waitForURL('**/setup')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Välkommen till Torget')
    await expectAccessible(page, 'setup')

    // The one-time code Torget printed when it started, read off its console.
    await page.getByLabel('Installationskod', { exact: true }).fill('FEL-KOD-1234')
    await page.getByLabel('Namn', { exact: true }).fill('Astrid Andersson')
    await page.getByLabel('E-postadress', { exact: true }).fill('astrid@stadsbiblioteket.se')
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Bibliotekets namn', { exact: true }).fill('Stadsbiblioteket')
    await page.getByRole('button', { name: 'Skapa konto och bibliotek' }).click()
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Installationskoden stämmer inte')
    await page.getByLabel('Installationskod', { exact: true }).fill(await torget.setupCode())
    await page.getByRole('button', { name: 'Skapa konto och bibliotek' }).click()

    await page.waitForURL(/\/bibliotek\/[\w-]+\//)
    libraryPath = new URL(page.url()).pathname.split('/').slice(0, 3).join('/')
    const nav = page.getByRole('navigation', { name: 'Bibliotekets delar' })
    for (const section of [
      'Planering',
      'Inkorg',
      'Statistik',
      'Strategi och policy',
      'Kanaler',
      'Medlemmar',
      'Inställningar',
    ]) {
      await expect
        .poll(() => nav.getByRole('link', { name: section }).count(), { message: section })
        .toBe(1)
    }
    await page.context().close()
  })

  // One axe scan per page, a dozen pages: more than the default 30 s when CI runs files side by side.
  it(
    'signs in, shows honest empty sections, and every page passes an accessibility scan',
    { timeout: 120_000 },
    async () => {
      const page = await fresh()
      await page.goto(`${torget.url}/logga-in`)
      await expectAccessible(page, 'sign-in')
      await page.getByLabel('E-postadress', { exact: true }).fill('astrid@stadsbiblioteket.se')
      await page.getByLabel('Lösenord', { exact: true }).fill('fel-losenord')
      await page.getByRole('button', { name: 'Logga in' }).click()
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toContain('Fel e-postadress eller lösenord.')
      await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Logga in' }).click()
      await page.waitForURL(/\/bibliotek\//)

      for (const [slug, title] of [
        ['planering', 'Planering'],
        ['inkorg', 'Inkorg'],
        ['statistik', 'Statistik'],
        ['strategi', 'Strategi och policy'],
        ['arkiv', 'Arkiv'],
        ['kanaler', 'Kanaler'],
        ['medlemmar', 'Medlemmar'],
        ['installningar', 'Inställningar'],
      ]) {
        await page.goto(`${torget.url}${libraryPath}/${slug}`)
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { message: slug })
          .toBe(title)
        // A new library has no channels: Statistik says so instead of drawing empty charts as
        // if they were figures (its own tests are e2e/statistics.test.ts and e2e/ladder.test.ts).
        if (slug === 'statistik') {
          await expect
            .poll(() => page.getByText('Inga siffror ännu').count(), { message: slug })
            .toBe(1)
        }
        await expectAccessible(page, slug!)
      }
      for (const path of ['/konto', '/nytt-bibliotek']) {
        await page.goto(`${torget.url}${path}`)
        await expectAccessible(page, path)
      }
      await page.context().close()
      for (const path of [
        '/glomt-losenord',
        '/aterstall-losenord?token=ogiltig',
        '/inbjudan/finns-inte-alls',
      ]) {
        const anonymous = await fresh()
        await anonymous.goto(`${torget.url}${path}`)
        await expectAccessible(anonymous, path)
        await anonymous.context().close()
      }
    },
  )

  it('switches to English and remembers it after a reload', async () => {
    const page = await fresh()
    await signIn(page, 'astrid@stadsbiblioteket.se')
    await page.getByRole('button', { name: /Konto och språk för/ }).click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await expect
      .poll(() =>
        page
          .getByRole('navigation', { name: 'Library sections' })
          .getByRole('link', { name: 'Members' })
          .count(),
      )
      .toBe(1)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.reload()
    await expect.poll(() => page.getByRole('link', { name: 'Settings' }).count()).toBe(1)
    await page.goto(`${torget.url}${libraryPath}/medlemmar`)
    await expectAccessible(page, 'members (English)')

    // The daily e-mail choice follows the click at once and is kept.
    await page.goto(`${torget.url}/konto`)
    const digest = page.getByRole('checkbox', { name: 'Send a daily summary' })
    const wasOn = await digest.isChecked()
    await digest.click()
    await expect.poll(() => digest.isChecked()).toBe(!wasOn)
    await expect
      .poll(() => page.getByText(/You will (not )?get a daily summary/).count())
      .toBeGreaterThan(0)
    await page.reload()
    await expect.poll(() => digest.isChecked()).toBe(!wasOn)
    await page.goto(`${torget.url}${libraryPath}/medlemmar`)

    await page.getByRole('button', { name: /Account and language for/ }).click()
    await page.getByRole('menuitemradio', { name: 'Svenska' }).click()
    await expect.poll(() => page.getByRole('link', { name: 'Inställningar' }).count()).toBe(1)
    await page.context().close()
  })

  it('invites a colleague by link, who joins as Skribent and sees the library', async () => {
    const admin = await fresh()
    await signIn(admin, 'astrid@stadsbiblioteket.se')
    await admin.goto(`${torget.url}${libraryPath}/medlemmar`)
    await admin.getByLabel('Roll', { exact: true }).selectOption({ label: 'Skribent' })
    await admin.getByRole('button', { name: 'Skapa inbjudningslänk' }).click()
    const linkField = admin.getByLabel('Inbjudningslänk')
    await expect.poll(() => linkField.inputValue()).toMatch(/\/inbjudan\//)
    inviteLink = await linkField.inputValue()
    await expectAccessible(admin, 'invitation created')

    const colleague = await fresh()
    await colleague.goto(inviteLink)
    await expect.poll(() => colleague.getByText('Stadsbiblioteket').first().count()).toBe(1)
    await expectAccessible(colleague, 'invitation')
    await joinByConfirmedAddress(colleague, 'Sara Skribent', 'sara@stadsbiblioteket.se')
    await colleague.goto(`${torget.url}${libraryPath}/medlemmar`)
    const table = colleague.getByRole('table')
    await expect.poll(() => table.textContent()).toContain('Sara Skribent')
    expect(await table.textContent()).toContain('Astrid Andersson')
    expect(await table.textContent()).toContain('Skribent')

    const reused = await fresh()
    await reused.goto(inviteLink)
    await expect
      .poll(() => reused.getByRole('heading', { level: 1 }).textContent())
      .toBe('Inbjudan är redan använd')
    for (const p of [admin, colleague, reused]) await p.context().close()
  })

  it('keeps another library’s member out of this one', async () => {
    const admin = await fresh()
    await signIn(admin, 'astrid@stadsbiblioteket.se')
    await admin.goto(`${torget.url}/nytt-bibliotek`)
    await admin.getByLabel('Bibliotekets namn', { exact: true }).fill('Grannbiblioteket')
    await admin.getByRole('button', { name: 'Skapa bibliotek' }).click()
    await admin.waitForURL(/\/medlemmar$/)
    await admin.getByLabel('Roll', { exact: true }).selectOption({ label: 'Ansvarig' })
    await admin.getByRole('button', { name: 'Skapa inbjudningslänk' }).click()
    await expect
      .poll(() => admin.getByLabel('Inbjudningslänk').inputValue())
      .toMatch(/\/inbjudan\//)
    const link = await admin.getByLabel('Inbjudningslänk').inputValue()

    const neighbour = await fresh()
    await neighbour.goto(link)
    await joinByConfirmedAddress(neighbour, 'Nils Granne', 'nils@grannbiblioteket.se')

    await neighbour.goto(`${torget.url}${libraryPath}/medlemmar`)
    await expect
      .poll(() => neighbour.getByRole('heading', { level: 1 }).textContent())
      .toBe('Sidan finns inte')
    const text = await neighbour.textContent('body')
    expect(text).not.toContain('Sara Skribent')
    expect(text).not.toContain('Astrid Andersson')
    for (const p of [admin, neighbour]) await p.context().close()
  })

  it('scanned every page', () => {
    expect(scanned.length).toBeGreaterThanOrEqual(14)
  })

  /**
   * A link-only invitation: the address first, then the e-mailed link, where the person chooses
   * name and password. Nothing is created before the link is opened.
   */
  async function joinByConfirmedAddress(page: Page, name: string, email: string) {
    await page.getByLabel('E-postadress', { exact: true }).fill(email)
    await page.getByRole('button', { name: 'Skicka länken' }).click()
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Titta i din e-post' }).count())
      .toBe(1)
    await expectAccessible(page, `link sent to ${email}`)
    const mail = await smtp.waitFor((m) => m.to.includes(email))
    const link = mail.text.match(/http:\/\/\S+\/inbjudan\/\S+\?code=\S+/)![0]
    await page.goto(link)
    await expect
      .poll(() => page.getByLabel('E-postadress', { exact: true }).inputValue())
      .toBe(email)
    await expectAccessible(page, `confirmed ${email}`)
    await page.getByLabel('Namn', { exact: true }).fill(name)
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Skapa konto och gå med' }).click()
    await page.waitForURL(/\/bibliotek\//)
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${torget.url}/logga-in`)
    await page.getByLabel('E-postadress', { exact: true }).fill(email)
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Logga in' }).click()
    await page.waitForURL(/\/bibliotek\//)
  }
})

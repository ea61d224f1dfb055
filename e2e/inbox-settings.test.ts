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

describe.runIf(chromiumAvailable())('the inbox’s settings and response times, in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo'])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  async function signedIn(email: string): Promise<{ page: Page; libraryPath: string }> {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    return { page, libraryPath: await signIn(page, torget.url, email) }
  }
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
  async function expectAccessible(page: Page, where: string) {
    await page.waitForLoadState('networkidle')
    const violations = await seriousViolations(page)
    expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
  }

  it('lets the Ansvarig add a tag, refuses a duplicate, and asks before removing one in use', async () => {
    const { page, libraryPath } = await signedIn('ansvarig@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
    await expect.poll(() => heading(page)).toBe('Inkorgens inställningar')
    const tags = page.getByRole('list', { name: 'Taggar' })
    for (const name of ['fråga', 'beröm', 'klagomål', 'personligt ärende', 'hot/hat'])
      await expect.poll(() => tags.getByText(name, { exact: true }).count()).toBe(1)

    await page.getByLabel('Ny tagg').fill('Boktips')
    await page.getByRole('button', { name: 'Lägg till tagg' }).click()
    await expect.poll(() => tags.getByText('Boktips', { exact: true }).count()).toBe(1)
    expect(await page.getByLabel('Ny tagg').inputValue()).toBe('')

    await page.getByLabel('Ny tagg').fill('fråga')
    await page.getByRole('button', { name: 'Lägg till tagg' }).click()
    await expect.poll(() => page.getByLabel('Ny tagg').getAttribute('aria-invalid')).toBe('true')
    expect(await tags.getByText('fråga', { exact: true }).count()).toBe(1)

    await page.getByRole('button', { name: 'Flytta upp – Boktips' }).click()
    await expect
      .poll(async () => (await tags.getByRole('listitem').allTextContents()).at(-2))
      .toMatch(/^Boktips/)

    await expectAccessible(page, 'inbox settings')

    // Not in use: it goes at once.
    await page.getByRole('button', { name: 'Ta bort – Boktips' }).click()
    await expect.poll(() => tags.getByText('Boktips', { exact: true }).count()).toBe(0)
  })

  it('writes a saved reply with a placeholder, and refuses an unknown one', async () => {
    const { page, libraryPath } = await signedIn('ansvarig@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
    await page.getByRole('button', { name: 'Nytt sparat svar' }).click()
    await page.getByLabel('Rubrik', { exact: true }).fill('Tack för beröm')
    const body = page.getByLabel('Svaret', { exact: true })
    await body.fill('Hej {okänd}! Tack för att du skrev.')
    await expect
      .poll(() =>
        page.getByText('Torget känner inte igen platshållaren {okänd}', { exact: false }).count(),
      )
      .toBe(1)
    await page.getByRole('button', { name: 'Spara svaret' }).click()
    expect(await body.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('heading', { name: 'Tack för beröm', level: 3 }).count()).toBe(0)

    // The server refuses it too, in words, for whoever skips the form.
    const refused = await page.evaluate(async (libraryId) => {
      const session = await (await fetch('/api/v1/auth/session')).json()
      const response = await fetch(`/api/v1/libraries/${libraryId}/inbox/saved-replies`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-language': 'sv',
          'x-csrf-token': session.csrfToken,
        },
        body: JSON.stringify({ title: 'Fel', body: 'Hej {okänd}' }),
      })
      return { status: response.status, body: await response.json() }
    }, libraryPath.split('/')[2])
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('unknown_placeholder')

    await body.fill('')
    await page.getByRole('button', { name: /^Infoga \{namn\}/ }).click()
    await body.press('End')
    await body.pressSequentially('! Tack för att du skrev.')
    expect(await body.inputValue()).toBe('{namn}! Tack för att du skrev.')
    await expect.poll(() => page.getByTestId('reply-preview').textContent()).not.toContain('{namn}')
    await page.getByRole('button', { name: 'Spara svaret' }).click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Tack för beröm', level: 3 }).count())
      .toBe(1)
    await expectAccessible(page, 'saved replies')
  })

  it('writes a rule and says in plain Swedish what it does', async () => {
    const { page, libraryPath } = await signedIn('ansvarig@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
    await page.getByRole('button', { name: 'Ny regel' }).click()
    await page.getByLabel('Regelns namn').fill('Personnummer')
    await page.getByRole('button', { name: 'Ta bort villkoret – innehåller vissa ord' }).click()
    await page.getByLabel('Välj ett villkor').selectOption({ label: 'innehåller ett personnummer' })
    await page.getByRole('button', { name: 'Lägg till villkoret' }).click()
    await page.getByLabel('Välj vad Torget ska göra').selectOption({ label: 'sätt en tagg' })
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click()
    await page.getByLabel('Vilken tagg').selectOption({ label: 'personligt ärende' })
    await page
      .getByLabel('Välj vad Torget ska göra')
      .selectOption({ label: 'flagga till Ansvarig' })
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click()
    const sentence =
      'Om texten innehåller ett personnummer: tagga personligt ärende och flagga för Ansvarig.'
    await expect.poll(() => page.getByTestId('rule-preview').textContent()).toBe(sentence)
    await page.getByRole('button', { name: 'Spara regeln' }).click()

    const rules = page.getByRole('list', { name: 'Automatiska regler' })
    await expect.poll(() => rules.getByText(sentence).count()).toBe(1)
    await rules.getByRole('switch', { name: 'På – Personnummer' }).uncheck()
    await expect
      .poll(() => rules.getByText('Regeln är avstängd och gör ingenting.').count())
      .toBe(1)
    await page.reload()
    await expect
      .poll(() => rules.getByRole('switch', { name: 'På – Personnummer' }).isChecked())
      .toBe(false)
    await expectAccessible(page, 'rules')
  })

  it('shows the § 3 notice to copy', async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
    const bio = page.locator('#notice-bio')
    await expect.poll(async () => ((await bio.textContent()) ?? '').length).toBeGreaterThan(10)
    expect((await page.locator('#notice-website').textContent())?.length).toBeGreaterThan(10)
    expect(
      await page.getByRole('button', { name: 'Kopiera – Kort text till kontots profil' }).count(),
    ).toBe(1)
  })

  it('keeps the pages from those without the permission', async () => {
    const { page, libraryPath } = await signedIn('svarare@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
    await expect
      .poll(() =>
        page.getByText('Bara Ansvarig och Redaktörer kan ändra', { exact: false }).count(),
      )
      .toBe(1)
    expect(await page.getByRole('navigation', { name: 'Inkorgens delar' }).count()).toBe(0)
    await page.goto(`${torget.url}${libraryPath}/inkorg/svarstider`)
    await expect
      .poll(() =>
        page
          .getByText('Bara Ansvarig och Redaktörer kan se svarstiderna', { exact: false })
          .count(),
      )
      .toBe(1)
    await expectAccessible(page, 'not allowed')
  })

  it('reads in English too', async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.getByRole('button', { name: /Konto och språk för/ }).click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
    try {
      await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
      await expect.poll(() => heading(page)).toBe('Inbox settings')
      const rules = page.getByRole('list', { name: 'Automatic rules' })
      await expect
        .poll(() =>
          rules
            .getByText(
              'If the text contains a personal identity number: tag personligt ärende and flag for the Manager.',
            )
            .count(),
        )
        .toBe(1)
      await expectAccessible(page, 'inbox settings (English)')
      await page
        .getByRole('navigation', { name: 'Parts of the inbox' })
        .getByRole('link', { name: 'Response times' })
        .click()
      await expect.poll(() => heading(page)).toBe('Response times')
      await expectAccessible(page, 'response times (English)')
    } finally {
      await page.getByRole('button', { name: /Account and language for/ }).click()
      await page.getByRole('menuitemradio', { name: 'Svenska' }).click()
    }
  })
})

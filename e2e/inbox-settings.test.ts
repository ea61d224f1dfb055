import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLUESKY_LIMITS } from '../core/composer/limits.js'
import { starterStrategy } from '../core/strategy/starter.js'
import { loadConfig } from '../server/config/config.js'
import { createLogger } from '../server/logger.js'
import { channelCredentials } from '../server/services/channel-service.js'
import { seedInboxItems } from '../server/test/inbox.js'
import { buildTorget } from '../server/wiring.js'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

/** The most recent Tuesday–Thursday at 09:00 in Stockholm, at least two days back: working time. */
function lastMidweekMorning(): Date {
  const day = new Date()
  day.setUTCHours(8, 0, 0, 0)
  day.setUTCDate(day.getUTCDate() - 2)
  while (![2, 3, 4].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() - 1)
  return day
}

/**
 * Puts messages in the demo library's inbox through the real ingest path, from beside the running
 * Torget (same data directory): three answered by Sven Svarare, one open and due within the hour.
 */
async function seedInbox(dataDir: string): Promise<{ atRiskId: string }> {
  const config = loadConfig({ TORGET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  const seeder = await buildTorget(config, createLogger('silent'))
  try {
    const db = seeder.database.db
    const library = await db.selectFrom('libraries').select('id').executeTakeFirstOrThrow()
    const user = (email: string) =>
      db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const admin = await user('ansvarig@exempelbiblioteket.se')
    const responder = await user('svarare@exempelbiblioteket.se')
    const channelId = 'e2e-bluesky'
    const now = new Date().toISOString()
    await seeder.services.store.repos.channels.insert({
      id: channelId,
      library_id: library.id,
      network: 'bluesky',
      account_remote_id: 'did:plc:exempel',
      handle: 'exempelbiblioteket.test',
      display_name: 'Exempelbiblioteket',
      profile_url: '',
      credentials: channelCredentials(seeder.services.box).seal(channelId, {
        identifier: 'exempelbiblioteket.test',
        appPassword: 'abcd-efgh-ijkl',
      }),
      limits: JSON.stringify(BLUESKY_LIMITS),
      health: 'ok',
      health_code: null,
      checked_at: now,
      created_by: admin.id,
      created_at: now,
      deleted_at: null,
    })
    const texts = [
      'Har ni Moberg som ljudbok?',
      'När öppnar ni på lördag?',
      'Tack för sagostunden!',
      'Kan jag låna om min bok här?',
    ]
    await seedInboxItems(
      seeder,
      library.id,
      channelId,
      texts.map((text) => ({ text })),
    )
    // An inbox item shares its id with the interaction it came from, which holds the text.
    const items = await db
      .selectFrom('interactions')
      .select(['id', 'text'])
      .where('library_id', '=', library.id)
      .execute()
    const byText = (text: string) => items.find((item) => item.text === text)!.id
    const received = lastMidweekMorning()
    for (const [text, minutes] of [
      [texts[0]!, 20],
      [texts[1]!, 95],
      [texts[2]!, 240],
    ] as const) {
      const answered = new Date(received.getTime() + minutes * 60_000).toISOString()
      await seeder.services.store.repos.inbox.markAnswered(
        library.id,
        byText(text),
        responder.id,
        answered,
      )
      await db
        .updateTable('inbox_items')
        .set({ received_at: received.toISOString(), first_response_at: answered })
        .where('id', '=', byText(text))
        .execute()
    }
    // Two messages carry "beröm": removing that tag is asked about first.
    const praise = await db
      .selectFrom('inbox_tags')
      .select('id')
      .where('library_id', '=', library.id)
      .where('name', '=', 'beröm')
      .executeTakeFirstOrThrow()
    for (const text of [texts[0]!, texts[2]!])
      await seeder.services.store.repos.inbox.addTag(library.id, byText(text), praise.id)
    const atRiskId = byText(texts[3]!)
    await db
      .updateTable('inbox_items')
      .set({ due_at: new Date(Date.now() + 45 * 60_000).toISOString() })
      .where('id', '=', atRiskId)
      .execute()
    return { atRiskId }
  } finally {
    await seeder.close()
  }
}

describe.runIf(chromiumAvailable())('the inbox’s settings and response times, in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let atRiskId: string

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    ;({ atRiskId } = await seedInbox(torget.dataDir))
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
    const secondLast = async () => (await tags.getByRole('listitem').allTextContents()).at(-2)
    await expect.poll(secondLast).toMatch(/^Boktips/)
    // Focus stays on the button, so it can be pressed again.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Flytta upp – Boktips',
    )
    await page.reload()
    await expect.poll(secondLast).toMatch(/^Boktips/)

    await page.getByRole('button', { name: 'Byt namn – Boktips' }).click()
    await page.getByLabel('Nytt namn för ”Boktips”').fill('Boktips för vuxna')
    await page.getByRole('button', { name: 'Spara', exact: true }).click()
    await expect.poll(() => tags.getByText('Boktips för vuxna', { exact: true }).count()).toBe(1)

    await expectAccessible(page, 'inbox settings')

    // Not in use: it goes at once.
    await page.getByRole('button', { name: 'Ta bort – Boktips för vuxna' }).click()
    await expect.poll(() => tags.getByText(/^Boktips/).count()).toBe(0)

    // In use: the Ansvarig is told how many messages carry it, and may change their mind.
    expect(await tags.getByText('på 2 meddelanden').count()).toBe(1)
    await page.getByRole('button', { name: 'Ta bort – beröm' }).click()
    const dialog = page.getByRole('dialog', { name: 'Ta bort taggen ”beröm”?' })
    await expect
      .poll(() => dialog.textContent())
      .toContain('2 meddelanden har taggen ”beröm”. Taggen försvinner från dem.')
    await dialog.getByRole('button', { name: 'Avbryt' }).click()
    expect(await tags.getByText('beröm', { exact: true }).count()).toBe(1)
    await page.getByRole('button', { name: 'Ta bort – beröm' }).click()
    await dialog.getByRole('button', { name: 'Ta bort taggen' }).click()
    await expect.poll(() => tags.getByText('beröm', { exact: true }).count()).toBe(0)
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
    // From the keyboard: the switch's own input is drawn as a track, not a box to click.
    await rules.getByRole('switch', { name: 'På – Personnummer' }).focus()
    await page.keyboard.press('Space')
    await expect
      .poll(() => rules.getByRole('switch', { name: 'På – Personnummer' }).isChecked())
      .toBe(false)
    await expect
      .poll(() => rules.getByText('Regeln är avstängd och gör ingenting.').count())
      .toBe(1)
    await page.reload()
    await expect
      .poll(() => rules.getByRole('switch', { name: 'På – Personnummer' }).isChecked())
      .toBe(false)
    await expectAccessible(page, 'rules')
  })

  it('shows the § 3 notice to copy once there is a strategy to write it from', async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/installningar`)
    const notice = page.getByRole('region', { name: 'Text om moderering' })
    await expect
      .poll(() => notice.getByRole('link', { name: 'Börja skriva strategin' }).count())
      .toBe(1)

    const saved = await page.evaluate(
      async ({ libraryId, document }) => {
        const session = await (await fetch('/api/v1/auth/session')).json()
        const response = await fetch(`/api/v1/libraries/${libraryId}/strategy/draft`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ version: 0, document }),
        })
        return response.status
      },
      { libraryId: libraryPath.split('/')[2]!, document: starterStrategy() },
    )
    expect(saved).toBe(200)
    await page.reload()
    await expect
      .poll(() => page.locator('#notice-bio').textContent())
      .toMatch(/^Kontot drivs av Exempelbiblioteket\. /)
    expect(await page.locator('#notice-website').textContent()).toContain(
      'svarar inom 24 timmar på vardagar',
    )
    expect(
      await notice.getByRole('button', { name: 'Kopiera – Kort text till kontots profil' }).count(),
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

  it('shows response times against the target, the message about to miss it first', async () => {
    const { page, libraryPath } = await signedIn('redaktor@exempelbiblioteket.se')
    await page.goto(`${torget.url}${libraryPath}/inkorg/svarstider`)
    await expect.poll(() => heading(page)).toBe('Svarstider')
    await expect
      .poll(() => page.getByRole('note').filter({ hasText: 'Ert mål' }).textContent())
      .toMatch(/24 timmar/)
    const atRisk = page.getByRole('region', { name: '1 meddelande behöver svar snart' })
    await expect.poll(() => atRisk.count()).toBe(1)
    expect(await atRisk.textContent()).toContain('Kan jag låna om min bok här?')
    const link = atRisk.getByRole('link', { name: /^Öppna meddelandet från .+ i Inkorg$/ })
    expect(await link.getAttribute('href')).toBe(`${libraryPath}/inkorg?arende=${atRiskId}`)
    // The list of messages to answer comes before the statistics.
    const order = await page.getByRole('heading', { level: 2 }).allTextContents()
    expect(order.slice(0, 2)).toEqual([
      '1 meddelande behöver svar snart',
      'Så snabbt har ni svarat',
    ])

    const byMember = page.getByRole('table', { name: /^Per person som svarade/ })
    const sven = byMember.getByRole('row', { name: /Sven Svarare/ })
    await expect.poll(() => sven.count()).toBe(1)
    expect(await sven.getByRole('cell').allTextContents()).toEqual([
      '3',
      '1 timme 35 minuter',
      expect.stringMatching(/timmar|minuter/),
      expect.stringMatching(/%$/),
    ])
    const byChannel = page.getByRole('table', { name: /^Per kanal/ })
    expect(await byChannel.getByRole('row', { name: /exempelbiblioteket\.test/ }).count()).toBe(1)
    const byWeek = page.getByRole('table', { name: /^Per vecka/ })
    expect(await byWeek.getByRole('row').count()).toBeGreaterThan(1)
    await expectAccessible(page, 'response times')

    await page.getByLabel('Period').selectOption({ label: 'Senaste 4 veckorna' })
    await expect
      .poll(() => page.getByRole('table', { name: 'Per vecka, senaste 4 veckorna' }).count())
      .toBe(1)

    // The link opens the message in Inkorg, ready to answer.
    await atRisk.getByRole('link', { name: /^Öppna meddelandet från/ }).click()
    await page.waitForURL(new RegExp(`/inkorg\\?arende=${atRiskId}$`))
    await expect.poll(() => heading(page)).toBe('Inkorg')
    await expect
      .poll(() => page.getByText('Kan jag låna om min bok här?').count())
      .toBeGreaterThan(0)
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

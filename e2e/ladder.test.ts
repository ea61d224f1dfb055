import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BlueskyNetwork,
  type BlueskyTestAccount,
  startBlueskyNetwork,
} from '../server/test/bluesky.js'
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

describe.runIf(chromiumAvailable())('Stegen, the engagement ladder, in Chromium', () => {
  let network: BlueskyNetwork
  let torget: RunningTorget
  let browser: Browser
  let libraryPath: string
  const people: BlueskyTestAccount[] = []

  beforeAll(async () => {
    network = await startBlueskyNetwork({ appView: true })
    torget = await startTorget(ALLOW_LOOPBACK, ['--demo=members'])
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await network?.close()
  })

  async function signedIn(email: string, locale = 'sv-SE'): Promise<Page> {
    const page = await (await browser.newContext({ locale })).newPage()
    libraryPath = await signIn(page, torget.url, email)
    return page
  }

  const expectAxeClean = async (page: Page) => {
    const violations = await seriousViolations(page)
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([])
  }

  /** The number in the pyramid's table for a step, this month. */
  const thisMonth = (page: Page, step: string) =>
    page
      .getByRole('table', { name: /Antal personer per steg/ })
      .getByRole('row', { name: new RegExp(`^${step}`) })
      .getByRole('cell')
      .first()
      .textContent()

  it(
    'shows three people of the audience on their steps, with the table behind the pyramid, and lets the Ansvarig open one and mark them as leading',
    { timeout: 300_000 },
    async () => {
      const library = network.accounts.bibliotek
      const post = await library.agent.post({ text: 'Sagostund på lördag kl. 11. Välkomna!' })
      for (const name of ['olle', 'maja', 'ebba'])
        people.push(await network.createAccount(name, name[0]!.toUpperCase() + name.slice(1)))
      const [olle, maja, ebba] = people as [
        BlueskyTestAccount,
        BlueskyTestAccount,
        BlueskyTestAccount,
      ]
      await olle.agent.follow(library.did)
      await maja.agent.like(post.uri, post.cid)
      await ebba.agent.post({
        text: 'Kommer det fler sagostunder i vår?',
        reply: { root: post, parent: post },
      })
      await network.settle()
      // As in the inbox's test: the AppView (busy when the whole suite runs) lists all three
      // before the account is connected, so Torget's first read finds them.
      await expect
        .poll(
          async () =>
            (await library.agent.app.bsky.notification.listNotifications({ limit: 10 })).data
              .notifications.length,
          { timeout: 60_000, interval: 500 },
        )
        .toBe(3)
      const admin = await signedIn('ansvarig@exempelbiblioteket.se')
      await connectBluesky(admin, torget.url, libraryPath, network)

      await admin.goto(`${torget.url}${libraryPath}/statistik/stegen`)
      await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Stegen')
      // Torget's worker reads the network at once and sums what it read within seconds; counting
      // again shows it.
      await expect
        .poll(
          async () => {
            await admin.getByRole('button', { name: 'Räkna om nu' }).click()
            await admin.getByText('Stegen är omräknad.').last().waitFor()
            return [
              await thisMonth(admin, 'Följa'),
              await thisMonth(admin, 'Gilla och stödja'),
              await thisMonth(admin, 'Bidra'),
            ]
          },
          { timeout: 90_000, interval: 2_000 },
        )
        .toEqual(['1', '1', '1'])
      expect(
        await admin
          .getByRole('table', { name: /Antal personer per steg/ })
          .getByRole('row', { name: /^Observera/ })
          .textContent(),
      ).toContain('Går inte att mäta')
      await admin.waitForLoadState('networkidle')
      await expectAxeClean(admin)

      const movedUp = admin.getByRole('table', { name: /^Klev upp/ })
      await expect.poll(() => movedUp.getByRole('row').count()).toBe(4)
      await movedUp
        .getByRole('button', { name: /^Öppna person/ })
        .first()
        .click()
      const dialog = admin.getByRole('dialog')
      await expect
        .poll(() =>
          dialog.getByText('Att du öppnade personen står nu i granskningsloggen.').count(),
        )
        .toBe(1)
      const handles = people.map((p) => `@${p.handle}`)
      const shown = await dialog.getByRole('link', { name: /^@/ }).first().textContent()
      expect(handles).toContain(shown)
      await expectAxeClean(admin)
      await dialog.getByRole('button', { name: 'Markera att personen leder' }).click()
      await expect.poll(() => dialog.getByText('Leder', { exact: true }).count()).toBe(1)
      await dialog.getByRole('button', { name: 'Stäng' }).click()
      const ambassadors = admin.getByRole('table', { name: 'Ambassadörer' })
      await expect.poll(() => ambassadors.getByRole('row').count()).toBe(2)
      expect(await thisMonth(admin, 'Leda')).toBe('1')
    },
  )

  it('places everyone again when the rules change', { timeout: 120_000 }, async () => {
    const editor = await signedIn('redaktor@exempelbiblioteket.se')
    await editor.goto(`${torget.url}${libraryPath}/statistik/stegen`)
    const field = editor.getByLabel('Gillningar eller delningar för steget Gilla och stödja')
    await field.fill('2')
    await editor.getByRole('button', { name: 'Spara och räkna om' }).click()
    await expect
      .poll(() => editor.getByText('Reglerna är sparade och stegen är omräknad.').count())
      .toBe(1)
    // One like no longer makes Maja endorse; she is on no step.
    await expect.poll(() => thisMonth(editor, 'Gilla och stödja')).toBe('0')
    expect(
      await editor.getByText('Minst 2 gillningar eller delningar de senaste 90 dagarna.').count(),
    ).toBe(1)
    await editor.getByLabel('Gillningar eller delningar för steget Gilla och stödja').fill('0')
    await editor.getByRole('button', { name: 'Spara och räkna om' }).click()
    await expect.poll(() => editor.getByText('Några uppgifter behöver rättas.').count()).toBe(1)
    await expectAxeClean(editor)
  })

  it('gives a Läsare the numbers and codes but never a name or a way to open one', async () => {
    const reader = await signedIn('lasare@exempelbiblioteket.se', 'en-GB')
    await reader.goto(`${torget.url}${libraryPath}/statistik/stegen`)
    await expect
      .poll(() =>
        reader
          .getByRole('table', { name: /^Klev upp/ })
          .getByRole('row')
          .count(),
      )
      .toBeGreaterThan(1)
    expect(await reader.getByRole('button', { name: /^Öppna/ }).count()).toBe(0)
    expect(await reader.getByRole('button', { name: 'Spara och räkna om' }).count()).toBe(0)
    const text = await reader.locator('main').textContent()
    for (const person of people) expect(text).not.toContain(person.handle)
    expect(text).toContain('Bara Ansvarig och Redaktör kan ändra reglerna.')
    await reader.getByRole('link', { name: 'Översikt' }).click()
    await expect
      .poll(() => reader.getByRole('heading', { level: 1 }).textContent())
      .toBe('Statistik')
    await reader.goBack()
    await reader.waitForLoadState('networkidle')
    await expectAxeClean(reader)
  })
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, utcToZoned, zonedToUtc } from '../core/time/zoned.js'
import { type BlueskyNetwork, startBlueskyNetwork } from '../server/test/bluesky.js'
import { ALLOW_LOOPBACK } from '../server/test/outbound.js'
import {
  apiCall,
  chromiumAvailable,
  connectBluesky,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

/** Tomorrow's date in the library's time zone, as a date field takes it. */
function stockholmTomorrow(): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + 24 * 3600_000))
}

/** Wednesday of next week, in Stockholm: its Thursday is always in the same calendar row. */
function nextWednesday(): { wednesday: string; thursday: string } {
  const today = utcToZoned(new Date(), 'Europe/Stockholm').date
  const monday = addDays(today, 7 - ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7))
  return { wednesday: addDays(monday, 2), thursday: addDays(monday, 3) }
}

describe.runIf(chromiumAvailable())('a Skribent’s post through review, in Chromium', () => {
  let network: BlueskyNetwork
  let torget: RunningTorget
  let browser: Browser
  let editor: Page
  let writer: Page

  beforeAll(async () => {
    network = await startBlueskyNetwork()
    // The test PDS listens on loopback, which Torget reaches only when allowed.
    torget = await startTorget(ALLOW_LOOPBACK, ['--demo=members'])
    browser = await launchBrowser()
    editor = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    writer = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await network?.close()
  })

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
  const bell = (page: Page) => page.getByRole('button', { name: /^Notiser/ })

  it(
    'drafts, submits, is commented on, edited, approved and scheduled, with its history',
    { timeout: 240_000 },
    async () => {
      const libraryPath = await signIn(editor, torget.url, 'redaktor@exempelbiblioteket.se')
      await connectBluesky(editor, torget.url, libraryPath, network)

      // The Skribent writes, plans and sends for review; scheduling is not theirs to do.
      await signIn(writer, torget.url, 'skribent@exempelbiblioteket.se')
      await writer.goto(`${torget.url}${libraryPath}/inlagg/nytt`)
      await writer
        .getByLabel('Text', { exact: true })
        .fill('Sagostund på lördag kl. 11 för barn 3–6 år. Välkomna!')
      const box = writer.getByRole('group', { name: 'Kanaler' }).getByRole('checkbox').first()
      if (!(await box.isChecked())) await box.check()
      await writer.getByLabel('Planerat datum').fill(stockholmTomorrow())
      const tags = writer.getByRole('combobox', { name: 'Taggar' })
      await tags.fill('Sagostund')
      await tags.press('Enter')
      expect(await writer.getByRole('button', { name: 'Schemalägg' }).count()).toBe(0)
      expect(await seriousViolations(writer)).toEqual([])
      await writer.getByRole('button', { name: 'Skicka för granskning' }).click()
      await expect.poll(() => heading(writer)).toBe('Inlägg som granskas')
      const postUrl = writer.url()
      expect(postUrl).toMatch(/\/inlagg\/[\w-]+$/)

      // The Redaktör is told, opens the post from the notification, and comments.
      await editor.goto(`${torget.url}${libraryPath}/planering`)
      await expect.poll(() => bell(editor).getAttribute('aria-label')).toBe('Notiser, 1 oläst')
      await bell(editor).click()
      const dialog = editor.getByRole('dialog', { name: 'Notiser' })
      await dialog
        .getByRole('link', { name: /Sara Skribent skickade ett inlägg för granskning/ })
        .click()
      await editor.waitForURL(postUrl)
      await expect.poll(() => heading(editor)).toBe('Inlägg som granskas')
      await expect.poll(() => bell(editor).getAttribute('aria-label')).toBe('Notiser, 0 olästa')
      await editor.getByLabel('Nämn en kollega').selectOption({ label: 'Sara Skribent' })
      // The picker puts the name in the field; type after it, as a person would.
      await expect
        .poll(() => editor.getByLabel('Ny kommentar').inputValue())
        .toContain('@Sara Skribent')
      await editor.getByLabel('Ny kommentar').press('End')
      await editor.getByLabel('Ny kommentar').pressSequentially('kan vi ställa en fråga i slutet?')
      await editor.getByRole('button', { name: 'Kommentera' }).click()
      const comments = editor.getByRole('list', { name: 'Kommentarer' })
      await expect
        .poll(() => comments.getByRole('listitem').first().textContent())
        .toMatch(/Rasmus Redaktör.*@Sara Skribent kan vi ställa en fråga i slutet\?/)
      expect(await seriousViolations(editor)).toEqual([])

      // The Skribent hears of it and edits; the post stays in review.
      await writer.reload()
      await expect.poll(() => bell(writer).getAttribute('aria-label')).toBe('Notiser, 1 oläst')
      await writer
        .getByLabel('Text', { exact: true })
        .fill('Sagostund på lördag kl. 11 för barn 3–6 år. Vilken bok vill ni höra?')
      await writer.getByRole('button', { name: 'Spara ändringar' }).click()
      await expect
        .poll(() => writer.getByText('Ändringarna är sparade.').count())
        .toBeGreaterThan(0)

      // The Redaktör sees the edit, approves it and schedules it.
      await editor.reload()
      await expect
        .poll(() => editor.getByLabel('Text', { exact: true }).inputValue())
        .toContain('Vilken bok vill ni höra?')
      await editor.getByRole('button', { name: 'Godkänn' }).click()
      await expect.poll(() => heading(editor)).toBe('Godkänt inlägg')
      const { wednesday, thursday } = nextWednesday()
      await editor.getByLabel('Datum', { exact: true }).fill(wednesday)
      await editor.getByLabel('Tid', { exact: true }).fill('10:00')
      await editor.getByRole('button', { name: 'Schemalägg' }).click()
      await expect.poll(() => heading(editor)).toBe('Schemalagt inlägg')

      const history = editor.getByRole('list', { name: 'Historik' })
      await expect
        .poll(async () => (await history.getByRole('listitem').allTextContents()).reverse())
        .toEqual([
          expect.stringContaining('Sara Skribent skapade inlägget'),
          expect.stringContaining('Sara Skribent skickade inlägget för granskning'),
          expect.stringContaining('Rasmus Redaktör kommenterade'),
          expect.stringContaining('Sara Skribent ändrade texten'),
          expect.stringContaining('Rasmus Redaktör godkände inlägget'),
          expect.stringContaining('Rasmus Redaktör schemalade inlägget'),
        ])
      expect(await seriousViolations(editor)).toEqual([])

      // In the calendar it is scheduled on its day; dragged to the next day it keeps its time.
      const postId = postUrl.split('/').pop()!
      await editor.goto(`${torget.url}${libraryPath}/planering?datum=${wednesday}`)
      const cell = (date: string) => editor.locator(`li.cal-day[data-date="${date}"]`)
      const entry = editor.locator(`.cal-entry[data-post-id="${postId}"]`)
      await expect.poll(() => cell(wednesday).locator(entry).count()).toBe(1)
      expect(await entry.textContent()).toMatch(/10:00.*Schemalagt|Schemalagt.*10:00/s)
      await entry.getByRole('link').dragTo(cell(thursday))
      await expect.poll(() => cell(thursday).locator(entry).count()).toBe(1)
      const libraryId = libraryPath.split('/').pop()
      await expect
        .poll(() =>
          editor.evaluate(
            async (url) => (await (await fetch(url)).json()).scheduledAt as string,
            `/api/v1/libraries/${libraryId}/posts/${postId}`,
          ),
        )
        .toBe(zonedToUtc(thursday, '10:00', 'Europe/Stockholm').toISOString())

      // The Skribent is told it was approved.
      await writer.reload()
      await bell(writer).click()
      await expect
        .poll(() =>
          writer.getByRole('dialog', { name: 'Notiser' }).getByRole('link').first().textContent(),
        )
        .toContain('Rasmus Redaktör godkände ditt inlägg')
      expect(await seriousViolations(writer)).toEqual([])
    },
  )

  it(
    'with a second approver required, the Redaktör who changed a post is not offered to approve it; a Skribent reads a colleague’s post',
    { timeout: 180_000 },
    async () => {
      const page = async (email: string) => {
        const p = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
        return { page: p, path: await signIn(p, torget.url, email) }
      }
      const admin = await page('ansvarig@exempelbiblioteket.se')
      const rasmus = await page('redaktor@exempelbiblioteket.se')
      const sara = await page('skribent@exempelbiblioteket.se')
      const library = `/libraries/${admin.path.split('/').pop()}`
      await apiCall(admin.page, 'PATCH', library, { requireSecondApprover: true })
      try {
        // Without a channel nothing can be approved; the first test may have connected one.
        const channels = () => apiCall(admin.page, 'GET', `${library}/channels`)
        if ((await channels()).length === 0)
          await connectBluesky(admin.page, torget.url, admin.path, network)
        const [channel] = await channels()
        const draft = await apiCall(sara.page, 'POST', `${library}/posts`, {
          text: 'Författarbesök på torsdag kl. 18.',
          channelIds: [channel.id],
        })
        await apiCall(sara.page, 'POST', `${library}/posts/${draft.id}/submit`, {
          version: draft.version,
        })
        const approve = (p: Page) => p.getByRole('button', { name: 'Godkänn' }).count()
        const note = (p: Page) =>
          p.getByText('Eftersom du har ändrat det behöver en kollega granska det.').count()

        // Rasmus may approve until he changes the text; then a colleague must.
        await rasmus.page.goto(`${torget.url}${rasmus.path}/inlagg/${draft.id}`)
        await expect.poll(() => approve(rasmus.page)).toBe(1)
        await rasmus.page
          .getByLabel('Text', { exact: true })
          .fill('Författarbesök på torsdag kl. 18. Fri entré!')
        await expect.poll(() => note(rasmus.page)).toBe(1)
        expect(await approve(rasmus.page)).toBe(0)
        await rasmus.page.getByRole('button', { name: 'Spara ändringar' }).click()
        await expect.poll(() => rasmus.page.getByText('Ändringarna är sparade.').count()).toBe(1)
        await rasmus.page.reload()
        await expect.poll(() => note(rasmus.page)).toBe(1)
        expect(await approve(rasmus.page)).toBe(0)
        expect(await seriousViolations(rasmus.page)).toEqual([])

        await admin.page.goto(`${torget.url}${admin.path}/inlagg/${draft.id}`)
        await expect.poll(() => approve(admin.page)).toBe(1)
        await admin.page.getByRole('button', { name: 'Godkänn' }).click()
        await expect.poll(() => heading(admin.page)).toBe('Godkänt inlägg')

        // Sara reads Rasmus's draft but is offered nothing to change.
        const his = await apiCall(rasmus.page, 'POST', `${library}/posts`, { text: 'Bokcirkel' })
        await sara.page.goto(`${torget.url}${sara.path}/inlagg/${his.id}`)
        await expect
          .poll(() => sara.page.getByText('Inlägget är skrivet av Rasmus Redaktör.').count())
          .toBe(1)
        expect(await sara.page.getByLabel('Text', { exact: true }).count()).toBe(0)
        expect(await seriousViolations(sara.page)).toEqual([])
      } finally {
        await apiCall(admin.page, 'PATCH', library, { requireSecondApprover: false })
      }
    },
  )
})

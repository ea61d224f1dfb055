import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import {
  apiCall,
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

describe.runIf(chromiumAvailable())('the staff path and Övningskanalen, in Chromium', () => {
  let torget: RunningTorget
  let browser: Browser
  let manager: Page
  let writer: Page

  beforeAll(async () => {
    torget = await startTorget({}, ['--demo=members'])
    browser = await launchBrowser()
    manager = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    writer = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    writer.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack))
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
  })

  it(
    'a new Skribent walks to a first practice post and answers a practice complaint',
    { timeout: 240_000 },
    async () => {
      onTestFailed(async () => {
        console.log(`Torget said:\n${torget.output()}`)
        await writer.screenshot({ path: '/tmp/practice-e2e-failure.png' }).catch(() => {})
      })
      // The Ansvarig approves a policy and turns the practice channel on from the overview.
      const libraryPath = await signIn(manager, torget.url, 'ansvarig@exempelbiblioteket.se')
      const library = `/libraries/${libraryPath.split('/')[2]}`
      const { draft } = await apiCall(manager, 'GET', `${library}/strategy`)
      const saved = await apiCall(manager, 'PATCH', `${library}/strategy/draft`, {
        version: draft.version,
        document: draft.document,
      })
      const version = await apiCall(manager, 'POST', `${library}/strategy/versions`, {
        draftVersion: saved.version,
        note: 'Första policyn',
      })
      await apiCall(manager, 'POST', `${library}/strategy/versions/${version.id}/approve`)
      await manager.goto(`${torget.url}${libraryPath}/min-vag`)
      await manager.getByRole('button', { name: 'Slå på Övningskanalen' }).click()
      await manager.getByRole('button', { name: 'Slå på Övningskanalen' }).waitFor({
        state: 'detached',
      })
      expect(await manager.getByRole('heading', { name: 'Personalens väg' }).count()).toBe(1)
      // The library adds a line of its own for the personas to say.
      await manager.getByLabel('Övningsperson', { exact: true }).fill('Tove Turist')
      await manager.getByLabel('Replik', { exact: true }).fill('Finns det wifi i läsesalen?')
      await manager.getByRole('button', { name: 'Lägg till repliken' }).click()
      await manager.getByRole('cell', { name: 'Finns det wifi i läsesalen?' }).waitFor()
      expect(await seriousViolations(manager)).toEqual([])

      // Sara Skribent opens her path: nothing is done yet, and the first step is the policy.
      await signIn(writer, torget.url, 'skribent@exempelbiblioteket.se')
      await writer.getByRole('link', { name: 'Min väg' }).click()
      await writer.getByRole('heading', { name: 'Dina steg (0 av 5)' }).waitFor()
      expect(await seriousViolations(writer)).toEqual([])
      await writer.getByRole('link', { name: 'Läs policyn' }).click()
      await writer.getByRole('button', { name: 'Jag har läst och förstått policyn' }).click()
      await writer
        .getByText(/Du har bekräftat policyn/)
        .first()
        .waitFor()

      // The next step is a practice post, which she publishes herself.
      await writer.goto(`${torget.url}${libraryPath}/min-vag`)
      await writer.getByRole('heading', { name: 'Dina steg (1 av 5)' }).waitFor()
      await writer.getByRole('link', { name: 'Skriv ett inlägg' }).click()
      await writer
        .getByLabel('Text', { exact: true })
        .fill('Välkommen på sagostund i biblioteket på lördag klockan 11! Vilken bok ska vi läsa?')
      await writer
        .getByRole('group', { name: 'Kanaler' })
        .getByRole('checkbox', { name: /Övningskanalen/ })
        .check()
      expect(await writer.getByText(/Övningskanalen syns bara för/).count()).toBe(1)
      expect(await seriousViolations(writer)).toEqual([])
      await writer.getByRole('button', { name: 'Publicera nu' }).click()
      await writer.getByRole('dialog').getByRole('button', { name: 'Publicera nu' }).click()
      await expect
        .poll(() => writer.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
        .toBe('Publicerat inlägg')

      // The personas answer; their comments reach the Inkorg through ingest.
      await writer.getByRole('link', { name: 'Inkorg' }).click()
      const complaint = writer.getByRole('link', { name: /Bengt Bister/ })
      await expect
        .poll(
          async () => {
            if ((await complaint.count()) === 0) await writer.reload()
            return complaint.count()
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toBe(1)
      await complaint.click()
      const item = writer.getByRole('article', { name: 'Svar från Bengt Bister' })
      await item.waitFor()
      await item
        .getByLabel('Ditt svar')
        .fill(
          'Vad tråkigt att automaten krånglar! Tack för att du säger till, vi ser över den i dag.',
        )
      expect(await seriousViolations(writer)).toEqual([])
      await item.getByRole('button', { name: 'Skicka svaret' }).click()
      await expect
        .poll(() => item.getByRole('list', { name: 'Bibliotekets svar' }).textContent(), {
          timeout: 60_000,
        })
        .toContain('vi ser över den i dag')

      // Min väg shows what she did, from what happened in Torget.
      await writer.getByRole('link', { name: 'Min väg' }).click()
      await writer.getByRole('heading', { name: 'Dina steg (2 av 5)' }).waitFor()
      await expect
        .poll(() => writer.getByText(/Klagomål: besvarad/).count(), { timeout: 30_000 })
        .toBe(1)
      expect(await seriousViolations(writer)).toEqual([])
    },
  )
})

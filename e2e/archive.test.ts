import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../server/db/database.js'
import { createStore } from '../server/repos/index.js'
import { SEEDED, seedArchiveConversation } from '../server/test/archive-seed.js'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'
import { utcToZoned } from '../core/time/zoned.js'

const MARK = '[maskerat enligt OSL 26 kap. 1 §]'

describe.runIf(chromiumAvailable())(
  'the archive and a request for public records, in Chromium',
  () => {
    let torget: RunningTorget
    let browser: Browser
    let page: Page
    let libraryPath: string

    beforeAll(async () => {
      torget = await startTorget({}, ['--demo=members'])
      browser = await launchBrowser()
      page = await (await browser.newContext({ locale: 'sv-SE', acceptDownloads: true })).newPage()
    })
    afterAll(async () => {
      await browser?.close()
      await torget?.stop()
    })

    async function expectAccessible(what: string) {
      expect(await seriousViolations(page), what).toEqual([])
    }

    async function download(button: string): Promise<Uint8Array> {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ])
      const saved = path.join(torget.dataDir, file.suggestedFilename())
      await file.saveAs(saved)
      return new Uint8Array(fs.readFileSync(saved))
    }

    it(
      'an Ansvarig finds a conversation, masks a name, and releases it as PDF and JSON',
      { timeout: 180_000 },
      async () => {
        libraryPath = await signIn(page, torget.url, 'ansvarig@exempelbiblioteket.se')
        // Publishing needs a network; the records are appended as capture appends them, hashes and all.
        const database = openDatabase({
          url: undefined,
          sqlitePath: path.join(torget.dataDir, 'torget.sqlite'),
        })
        await createStore(database.db).transaction((repos) =>
          seedArchiveConversation(
            repos,
            libraryPath.split('/')[2]!,
            new Date(Date.now() - 3_600_000),
          ),
        )
        await database.close()

        await page
          .getByRole('navigation', { name: 'Bibliotekets delar' })
          .getByRole('link', { name: 'Arkiv' })
          .click()
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Arkiv')
        await expect.poll(() => page.getByRole('status').first().textContent()).toBe('5 träffar')
        await expectAccessible('archive search')

        await page.getByLabel('Fritext').fill('dörren')
        await page.getByRole('button', { name: 'Sök', exact: true }).click()
        await expect.poll(() => page.getByRole('status').first().textContent()).toBe('2 träffar')
        const results = page.getByRole('list', { name: 'Träffar, nyast först' })
        expect(await results.getByRole('listitem').first().textContent()).toContain(
          'Ändrat på nätverket',
        )

        await page.getByRole('link', { name: 'Öppna post 2' }).click()
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe('Post 2 i arkivet')
        expect(await page.getByText(SEEDED.replyText).first().isVisible()).toBe(true)
        expect(await page.getByRole('heading', { name: 'Konversationen (5 poster)' }).count()).toBe(
          1,
        )
        const since = page.locator('section', {
          has: page.getByRole('heading', { name: 'Det som hänt sedan' }),
        })
        expect(await since.textContent()).toMatch(/Ändrat på nätverket.*Modererat/)
        expect(await since.textContent()).toContain('Bryter mot bibliotekets regler')
        await expectAccessible('archive entry')

        await page.getByRole('link', { name: 'Utlämnanden' }).click()
        await page.getByLabel('Diarienummer').fill('KS 2026/117')
        await page.getByLabel('Vad begäran gäller').fill('Kommentarer om sagostunden')
        await expectAccessible('requests')
        await page.getByRole('button', { name: 'Registrera begäran' }).click()
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe('Begäran KS 2026/117')

        await page.getByRole('link', { name: 'Sök handlingar till begäran' }).click()
        await page.getByRole('button', { name: 'Lägg till alla 5 träffar' }).click()
        await expect
          .poll(() => page.getByText('5 poster lades till. Begäran har nu 5.').count())
          .toBe(1)
        await page.getByRole('link', { name: 'Tillbaka till begäran KS 2026/117' }).first().click()

        const reply = page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { name: 'Post 2: Inkommet' }) })
        await reply.getByLabel('Grund enligt OSL').fill('OSL 26 kap. 1 §')
        for (const phrase of ['Karin Åberg', 'Karin Å']) {
          await reply.getByLabel('Text att maskera').fill(phrase)
          await reply.getByRole('button', { name: 'Maskera texten' }).click()
          await expect.poll(() => reply.getByLabel('Text att maskera').inputValue()).toBe('')
        }
        await reply.getByRole('button', { name: 'Maskera avsändaren' }).click()
        await expect
          .poll(() => reply.getByTestId('released-text').textContent())
          .toBe(`Min dotter ${MARK} har astma, finns det plats nära dörren? / ${MARK}`)
        // The original stays beside it, unmasked.
        expect(await reply.getByText(SEEDED.replyText).count()).toBe(1)
        await expectAccessible('secrecy review')

        const pdf = await download('Lämna ut som PDF')
        const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true })
        const read = text.replace(/\s+/g, ' ')
        expect(read).toContain('KS 2026/117')
        expect(read).toContain(`Min dotter ${MARK} har astma`)
        expect(read).not.toContain('Karin')

        const json = JSON.parse(new TextDecoder().decode(await download('Lämna ut som JSON')))
        const released = json.entries.find((e: { seq: number }) => e.seq === 2)
        expect(released.content.text).toBe(
          `Min dotter ${MARK} har astma, finns det plats nära dörren? / ${MARK}`,
        )
        expect(released.contentHash).toMatch(/^[0-9a-f]{64}$/)

        const log = page.locator('section', {
          has: page.getByRole('heading', { name: 'Logg över utlämnanden' }),
        })
        await expect.poll(() => log.getByRole('row').count()).toBe(3)
        expect(await log.textContent()).toContain('5 handlingar, 3 maskeringar')
        await expectAccessible('released')

        await page.getByRole('button', { name: /Konto och språk för/ }).click()
        await page.getByRole('menuitemradio', { name: 'English' }).click()
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe('Request KS 2026/117')
        expect(await page.getByRole('heading', { name: 'Log of releases' }).count()).toBe(1)
        await expectAccessible('request in English')
        await page.getByRole('link', { name: 'Search the archive' }).click()
        await expect.poll(() => page.getByRole('status').first().textContent()).toBe('5 results')
        await expectAccessible('archive search in English')
      },
    )

    it(
      'an Ansvarig sets a retention rule and a hold, previews weeding, reads the report and takes out a registerutdrag',
      { timeout: 120_000 },
      async () => {
        await page.goto(`${torget.url}${libraryPath}/arkiv`)
        // The test before ends in English.
        await page.getByRole('button', { name: /Account and language for/ }).click()
        await page.getByRole('menuitemradio', { name: 'Svenska' }).click()
        await page.getByRole('link', { name: 'Gallring' }).click()
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe('Gallring')
        await expect
          .poll(() => page.getByText('Lägg först till en gallringsregel nedan.').count())
          .toBe(1)

        await page.getByLabel('Namn', { exact: true }).fill('Synpunkter i sociala medier')
        await page.getByLabel('Bevaras').selectOption('months')
        await page.getByRole('textbox', { name: 'Månader' }).fill('6')
        await page.getByRole('button', { name: 'Lägg till regel' }).click()
        const rules = page.locator('section', {
          has: page.getByRole('heading', { name: 'Gallringsregler' }),
        })
        await expect
          .poll(() => rules.getByRole('row', { name: /Synpunkter i sociala medier/ }).textContent())
          .toContain('6 månader')

        await page.getByLabel('Skäl', { exact: true }).fill('Tvist om en kommentar, KS 2026/200')
        await page.getByLabel('Konto', { exact: true }).fill('karin.example')
        await page.getByRole('button', { name: 'Lägg spärren' }).click()
        const holds = page.locator('section', {
          has: page.getByRole('heading', { name: 'Spärrar' }),
        })
        await expect
          .poll(() => holds.getByRole('row', { name: /KS 2026\/200/ }).textContent())
          .toContain('kontot karin.example')
        await expectAccessible('weeding with a rule and a hold')

        // Everything in the archive is an hour old: a six-month rule weeds none of it yet.
        // The library's own date (Europe/Stockholm), not UTC's: they differ for an hour or two each night.
        const today = utcToZoned(new Date(), 'Europe/Stockholm').date
        await page.getByLabel('Diarienummer').fill('KS 2026/300')
        await page.getByRole('checkbox', { name: /Synpunkter i sociala medier/ }).check()
        await page.getByLabel('Period från och med').fill('2020-01-01')
        await page.getByLabel('Period till och med').fill(today)
        await page.getByRole('button', { name: 'Visa vad som skulle gallras' }).click()
        const preview = page.getByRole('status').filter({ hasText: 'Förhandsvisning' })
        await expect.poll(() => preview.textContent()).toContain('0 poster gallras.')
        expect(await preview.textContent()).toContain('har inte nått sin gallringstid')
        expect(await preview.textContent()).toContain('omfattas av en spärr')
        expect(await page.getByRole('button', { name: /Fatta beslut/ }).count()).toBe(0)
        await expectAccessible('weeding preview')

        await page.getByRole('link', { name: 'Rapport' }).click()
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent())
          .toBe('Arkivrapport')
        await expect
          .poll(() => page.getByRole('row', { name: /^Arkiverade poster \d/ }).count())
          .toBe(1)
        await page.getByLabel('Ett visst antal dagar, sedan bara antal per dag').check()
        await page.getByRole('textbox', { name: 'Antal dagar' }).fill('90')
        await page.getByRole('button', { name: 'Spara' }).click()
        await expect.poll(() => page.getByText('Sparat.').count()).toBe(1)
        await expectAccessible('archive report')

        await page.getByRole('link', { name: 'Personuppgifter' }).click()
        await page.getByLabel('Konto', { exact: true }).fill('@karin.example')
        await page.getByRole('button', { name: 'Ta fram utdrag' }).click()
        await expect
          .poll(() => page.getByRole('heading', { name: 'Utdrag för @karin.example' }).count())
          .toBe(1)
        const found = page.locator('section', {
          has: page.getByRole('heading', { name: 'Utdrag för @karin.example' }),
        })
        expect(await found.textContent()).toMatch(/[1-9]\d* poster? i arkivet/)
        expect(await found.textContent()).toContain('Omfattas av spärr: Tvist om en kommentar')
        expect(await page.getByRole('link', { name: 'Ladda ner utdraget som text' }).count()).toBe(
          1,
        )
        await expectAccessible('personal data')

        await page.getByRole('button', { name: /Konto och språk för/ }).click()
        await page.getByRole('menuitemradio', { name: 'English' }).click()
        await page.getByRole('link', { name: 'Weeding' }).click()
        await expect
          .poll(() => page.getByRole('heading', { name: 'Retention rules' }).count())
          .toBe(1)
        expect(await page.getByText('6 months').count()).toBeGreaterThan(0)
        await expectAccessible('weeding in English')
      },
    )
  },
)

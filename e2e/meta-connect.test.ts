import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type StandInGraph,
  startStandInGraph,
} from '../server/adapters/meta/testing/stand-in-graph.js'
import { ALLOW_LOOPBACK } from '../server/test/outbound.js'
import {
  chromiumAvailable,
  connectMeta,
  launchBrowser,
  META_APP,
  metaEnv,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
  stockholmMinute,
} from './support.js'

// Meta cannot be reached from here: the consent page and the Graph API are the stand-in
// built from Meta's documentation (server/adapters/meta/testing/stand-in-graph.ts).
describe.runIf(chromiumAvailable())('connecting Facebook and Instagram in Chromium', () => {
  let stand: StandInGraph
  let torget: RunningTorget
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    stand = await startStandInGraph({
      appId: META_APP.id,
      appSecret: META_APP.secret,
      grantedScopes: ['pages_show_list', 'pages_manage_posts', 'instagram_content_publish'],
      pages: [
        {
          id: '1001',
          name: 'Exempelbiblioteket',
          instagram: { id: '17841400000000001', username: 'exempelbiblioteket' },
        },
        { id: '1002', name: 'Filialen Norr' },
      ],
    })
    torget = await startTorget({ ...ALLOW_LOOPBACK, ...metaEnv(stand.url) }, ['--demo=members'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await stand?.close()
  })

  it(
    "signs in on Meta's consent page, picks the Page and its Instagram account, and sees both connected",
    { timeout: 120_000 },
    async () => {
      const libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')
      await connectMeta(page, torget.url, libraryPath, {
        pageName: 'Exempelbiblioteket',
        instagram: 'exempelbiblioteket',
        whileChoosing: async () => {
          expect(await seriousViolations(page)).toEqual([])
          await page.getByRole('radio', { name: 'Filialen Norr' }).check()
          await expect
            .poll(() =>
              page.getByText('Sidan har inget professionellt Instagramkonto kopplat').count(),
            )
            .toBe(1)
        },
      })
      await page
        .getByRole('link', { name: /exempelbiblioteket/i })
        .first()
        .waitFor({ timeout: 30_000 })
      await expect.poll(() => page.getByText(/Åtkomsten går ut/).count()).toBe(2)
      // The confirmation fades in; axe measures its contrast once it has (a lasting problem stays).
      await expect.poll(() => seriousViolations(page)).toEqual([])
    },
  )

  it(
    'schedules a carousel with alt texts on Instagram and sees it published once',
    { timeout: 240_000 },
    async () => {
      const libraryPath = new URL(page.url()).pathname.split('/').slice(0, 3).join('/')
      await page.goto(`${torget.url}${libraryPath}/planering`)
      await page.getByRole('link', { name: 'Nytt inlägg' }).first().click()
      const text = 'Höstlov på biblioteket: pyssel, sagor och film. Välkomna! #höstlov'
      await page.getByLabel('Text', { exact: true }).fill(text)
      const photo = (background: string) =>
        sharp({ create: { width: 80, height: 80, channels: 3, background } })
          .jpeg()
          .toBuffer()
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'pyssel.jpg', mimeType: 'image/jpeg', buffer: await photo('#2a6') })
      await page.waitForURL(/\/inlagg\//)
      await page.getByLabel('Alt-text för bild 1').fill('Barn som pysslar med papper och lim')
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'saga.jpg', mimeType: 'image/jpeg', buffer: await photo('#a62') })
      await page.getByLabel('Alt-text för bild 2').fill('Bibliotekarie läser en saga för barn')
      const channels = page.getByRole('group', { name: 'Kanaler' })
      for (const box of await channels.getByRole('checkbox').all())
        if (await box.isChecked()) await box.uncheck()
      await channels.getByRole('checkbox', { name: 'Instagram @exempelbiblioteket' }).check()
      const due = stockholmMinute(45_000)
      await page.getByLabel('Datum', { exact: true }).fill(due.date)
      await page.getByLabel('Tid', { exact: true }).fill(due.time)
      await page.getByRole('button', { name: 'Schemalägg' }).click()
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 150_000 })
        .toBe('Publicerat inlägg')
      const ours = stand.media.filter((m) => m.text === text)
      expect(ours).toHaveLength(1)
      expect(ours[0]!.alts).toEqual([
        'Barn som pysslar med papper och lim',
        'Bibliotekarie läser en saga för barn',
      ])
      expect(await seriousViolations(page)).toEqual([])
    },
  )
})

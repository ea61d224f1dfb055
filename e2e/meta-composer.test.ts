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
} from './support.js'

// Against the stand-in Graph API (server/adapters/meta/testing); no Meta server is reachable here.
// Its tokens here last ten days, so the library is inside Meta's last two weeks from the start.
describe.runIf(chromiumAvailable())('writing for Facebook and Instagram in Chromium', () => {
  let stand: StandInGraph
  let torget: RunningTorget
  let browser: Browser
  let page: Page
  let libraryPath: string

  beforeAll(async () => {
    stand = await startStandInGraph({
      appId: META_APP.id,
      appSecret: META_APP.secret,
      grantedScopes: ['pages_show_list', 'pages_manage_posts', 'instagram_content_publish'],
      longLivedSeconds: 10 * 86_400,
      pages: [
        {
          id: '1001',
          name: 'Exempelbiblioteket',
          instagram: { id: '17841400000000001', username: 'exempelbiblioteket' },
        },
      ],
    })
    torget = await startTorget({ ...ALLOW_LOOPBACK, ...metaEnv(stand.url) }, ['--demo=members'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')
    await connectMeta(page, torget.url, libraryPath, {
      pageName: 'Exempelbiblioteket',
      instagram: 'exempelbiblioteket',
    })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await stand?.close()
  })

  it('says above every page of the library that access ends soon, and links to Kanaler', async () => {
    await page.goto(`${torget.url}${libraryPath}/statistik`)
    const banner = page.getByRole('alert').filter({ hasText: 'Anslut kanalen igen' })
    await banner.waitFor()
    expect(await banner.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Torgets åtkomst till Facebook @?Exempelbiblioteket går ut \d+ /),
      expect.stringMatching(/^Torgets åtkomst till Instagram @exempelbiblioteket går ut \d+ /),
    ])
    await banner.getByRole('link', { name: 'Anslut igen i Kanaler' }).click()
    await page.waitForURL(/\/kanaler$/)
  })

  it(
    'shows Instagram’s rules in the preview and pads a too tall image in one click, keeping its alt text',
    { timeout: 180_000 },
    async () => {
      await page.goto(`${torget.url}${libraryPath}/planering`)
      await page.getByRole('link', { name: 'Nytt inlägg' }).first().click()
      await page
        .getByLabel('Text', { exact: true })
        .fill('Läslov! Tips på https://exempelbiblioteket.se/lov #läslov #bibliotek @kulturhuset')
      const channels = page.getByRole('group', { name: 'Kanaler' })
      for (const box of await channels.getByRole('checkbox').all())
        if (await box.isChecked()) await box.uncheck()
      await channels.getByRole('checkbox', { name: 'Instagram @exempelbiblioteket' }).check()
      await channels.getByRole('checkbox', { name: /^Facebook/ }).check()

      const instagram = page.getByRole('region', { name: 'Så här blir det på Instagram' })
      await instagram.getByText('Hashtaggar: 2 av högst 30').waitFor()
      await instagram.getByText('Omnämnanden (@): 1 av högst 20').waitFor()
      await instagram.getByText('Här behöver inlägget minst 1 bild.').waitFor()
      await instagram.getByText(/Länkar i bildtexten går inte att klicka på/).waitFor()
      const facebook = page.getByRole('region', { name: 'Så här blir det på Facebook' })
      await facebook.getByText('exempelbiblioteket.se', { exact: true }).waitFor()
      await facebook.getByText(/Facebook visar länken som ett kort/).waitFor()

      const tall = await sharp({
        create: { width: 50, height: 100, channels: 3, background: '#2b6cb0' },
      })
        .jpeg()
        .toBuffer()
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'affisch.jpg', mimeType: 'image/jpeg', buffer: tall })
      await page.waitForURL(/\/inlagg\//)
      await page.getByLabel('Alt-text för bild 1').fill('Affisch för läslovet')
      const offer = page.getByRole('alert').filter({ hasText: 'Formatet passar inte Instagram' })
      await offer.waitFor()
      expect(await instagram.getByText('Här behöver inlägget minst 1 bild.').count()).toBe(0)
      expect(await seriousViolations(page)).toEqual([])

      await offer.getByRole('button', { name: /Lägg till vita kanter/ }).click()
      await expect.poll(() => offer.count(), { timeout: 30_000 }).toBe(0)
      await page.screenshot({ path: '/tmp/meta-composer.png', fullPage: true })
      await expect
        .poll(() => page.getByLabel('Alt-text för bild 1').inputValue())
        .toBe('Affisch för läslovet')
      const image = instagram.getByRole('img', { name: 'Affisch för läslovet' })
      expect(await image.getAttribute('width')).toBe('80')
      expect(await image.getAttribute('height')).toBe('100')
      expect(await seriousViolations(page)).toEqual([])
    },
  )
})

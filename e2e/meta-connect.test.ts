import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type StandInGraph,
  startStandInGraph,
} from '../server/adapters/meta/testing/stand-in-graph.js'
import { ALLOW_LOOPBACK } from '../server/test/outbound.js'
import {
  chromiumAvailable,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
} from './support.js'

const APP_ID = '1234567890'
const APP_SECRET = '0123456789abcdef0123456789abcdef'

// Meta cannot be reached from here: the consent page and the Graph API are the stand-in
// built from Meta's documentation (server/adapters/meta/testing/stand-in-graph.ts).
describe.runIf(chromiumAvailable())('connecting Facebook and Instagram in Chromium', () => {
  let stand: StandInGraph
  let torget: RunningTorget
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    stand = await startStandInGraph({
      appId: APP_ID,
      appSecret: APP_SECRET,
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
    torget = await startTorget(
      {
        ...ALLOW_LOOPBACK,
        META_APP_ID: APP_ID,
        META_APP_SECRET: APP_SECRET,
        META_GRAPH_URL: stand.url,
        META_DIALOG_URL: stand.url,
        META_REQUIRE_PUBLIC_URL: 'false',
      },
      ['--demo'],
    )
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
      await page.goto(`${torget.url}${libraryPath}/kanaler`)
      await page.getByRole('button', { name: 'Anslut Facebook och Instagram' }).click()
      await page.getByRole('heading', { name: 'Allow Torget?' }).waitFor()
      await page.getByRole('button', { name: 'Allow' }).click()

      await page.getByRole('heading', { name: 'Välj bibliotekets sida' }).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('radio', { name: 'Filialen Norr' }).check()
      await expect
        .poll(() => page.getByText('Sidan har inget professionellt Instagramkonto kopplat').count())
        .toBe(1)
      await page.getByRole('radio', { name: 'Exempelbiblioteket' }).check()
      await page.getByRole('checkbox', { name: /Instagramkontot @exempelbiblioteket/ }).waitFor()
      await page.getByRole('button', { name: 'Anslut valda konton' }).click()

      await page
        .getByRole('link', { name: /exempelbiblioteket/i })
        .first()
        .waitFor({ timeout: 30_000 })
      await expect.poll(() => page.getByText(/Åtkomsten går ut/).count()).toBe(2)
      expect(await seriousViolations(page)).toEqual([])
    },
  )
})

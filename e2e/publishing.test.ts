import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BlueskyNetwork, startBlueskyNetwork } from '../server/test/bluesky.js'
import { ALLOW_LOOPBACK } from '../server/test/outbound.js'
import {
  chromiumAvailable,
  connectBluesky,
  launchBrowser,
  type RunningTorget,
  seriousViolations,
  signIn,
  startTorget,
  stockholmMinute,
} from './support.js'

describe.runIf(chromiumAvailable())('a Redaktör publishing to Bluesky in Chromium', () => {
  let network: BlueskyNetwork
  let torget: RunningTorget
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    network = await startBlueskyNetwork()
    // The test PDS listens on loopback, which Torget reaches only when allowed.
    torget = await startTorget(ALLOW_LOOPBACK, ['--demo=members'])
    browser = await launchBrowser()
    page = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await network?.close()
  })

  it(
    'connects the library’s Bluesky account, writes, schedules a minute ahead, and sees it published once',
    { timeout: 240_000 },
    async () => {
      const libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')

      await connectBluesky(page, torget.url, libraryPath, network)
      expect(await page.getByText('Fungerar').count()).toBeGreaterThan(0)
      expect(await seriousViolations(page)).toEqual([])

      await page.goto(`${torget.url}${libraryPath}/planering`)
      await page.getByRole('link', { name: 'Nytt inlägg' }).first().click()
      const text = 'Sagostund på lördag kl. 11 för barn 3–6 år. Välkomna! #Sagostund'
      await page.getByLabel('Text', { exact: true }).fill(text)
      const box = page.getByRole('group', { name: 'Kanaler' }).getByRole('checkbox').first()
      if (!(await box.isChecked())) await box.check()
      await expect
        .poll(() =>
          page
            .getByText(/tecken kvar/)
            .first()
            .textContent(),
        )
        .toMatch(/\d+ tecken kvar/)
      const due = stockholmMinute(45_000)
      await page.getByLabel('Datum', { exact: true }).fill(due.date)
      await page.getByLabel('Tid', { exact: true }).fill(due.time)
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('button', { name: 'Schemalägg' }).click()
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Schemalagt inlägg')

      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 150_000 })
        .toBe('Publicerat inlägg')
      expect(Date.now()).toBeGreaterThanOrEqual(due.at.getTime())
      const link = page.getByRole('link', { name: /Visa på Bluesky/ })
      expect(await link.getAttribute('href')).toMatch(
        /^https:\/\/bsky\.app\/profile\/did:plc:[\w]+\/post\/3\w+$/,
      )
      expect(await seriousViolations(page)).toEqual([])

      const account = network.accounts.bibliotek
      const records = await account.agent.com.atproto.repo.listRecords({
        repo: account.did,
        collection: 'app.bsky.feed.post',
      })
      const ours = records.data.records.filter((r) => (r.value as { text: string }).text === text)
      expect(ours).toHaveLength(1)
      const facets =
        (ours[0]!.value as { facets?: { features: { $type: string; tag?: string }[] }[] }).facets ??
        []
      expect(facets.flatMap((f) => f.features)).toContainEqual(
        expect.objectContaining({ $type: 'app.bsky.richtext.facet#tag', tag: 'Sagostund' }),
      )
    },
  )
})

import crypto from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type StandInGraph,
  startStandInGraph,
} from '../server/adapters/meta/testing/stand-in-graph.js'
import { ALLOW_LOOPBACK } from '../server/test/outbound.js'
import {
  apiCall,
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
const VERIFY_TOKEN = 'e2e-verify-token-000001'

// Meta cannot be reached from here: the consent page, the Graph API and the comments on the
// Page are the stand-in built from Meta's documentation (server/adapters/meta/testing).
describe.runIf(chromiumAvailable())('Facebook comments in Inkorg in Chromium', () => {
  let stand: StandInGraph
  let torget: RunningTorget
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    stand = await startStandInGraph({
      appId: META_APP.id,
      appSecret: META_APP.secret,
      grantedScopes: [
        'pages_show_list',
        'pages_manage_posts',
        'pages_read_engagement',
        'pages_read_user_content',
        'pages_manage_engagement',
        'instagram_content_publish',
        'instagram_manage_comments',
        'pages_manage_metadata',
      ],
      pages: [
        {
          id: '1001',
          name: 'Exempelbiblioteket',
          instagram: { id: '17841400000000001', username: 'exempelbiblioteket' },
        },
      ],
    })
    torget = await startTorget(
      { ...ALLOW_LOOPBACK, ...metaEnv(stand.url), META_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN },
      ['--demo=members'],
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
    'shows a comment on a published Facebook post in Inkorg, and answers it there once',
    { timeout: 240_000 },
    async () => {
      const libraryPath = await signIn(page, torget.url, 'redaktor@exempelbiblioteket.se')
      const libraryId = libraryPath.split('/')[2]!
      await connectMeta(page, torget.url, libraryPath, {
        pageName: 'Exempelbiblioteket',
        instagram: 'exempelbiblioteket',
      })

      // The post goes out through the worker as any post does.
      const channels = (await apiCall(page, 'GET', `/libraries/${libraryId}/channels`)) as {
        id: string
        network: string
      }[]
      const facebook = channels.find((c) => c.network === 'facebook')!.id
      const text = 'Sagostund på lördag klockan elva i barnavdelningen.'
      const post = (await apiCall(page, 'POST', `/libraries/${libraryId}/posts`, {
        text,
        channelIds: [facebook],
      })) as { id: string; version: number }
      await apiCall(page, 'POST', `/libraries/${libraryId}/posts/${post.id}/schedule`, {
        at: new Date().toISOString(),
        version: post.version,
      })
      await expect
        .poll(() => stand.media.filter((m) => m.text === text).length, { timeout: 60_000 })
        .toBe(1)

      // Someone comments on Facebook; Meta's webhook has Torget read the Page at once.
      stand.comments.add({
        postId: stand.media.find((m) => m.text === text)!.id,
        text: 'Får man ta med småsyskon?',
        author: { id: '5550001', name: 'Kim Läsare' },
      })
      const event = JSON.stringify({
        object: 'page',
        entry: [{ id: '1001', time: 1_760_000_000, changes: [{ field: 'feed', value: {} }] }],
      })
      const signed = await fetch(`${torget.url}/api/v1/webhooks/meta`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hub-Signature-256': `sha256=${crypto.createHmac('sha256', META_APP.secret).update(event).digest('hex')}`,
        },
        body: event,
      })
      expect(signed.status).toBe(200)

      await page.goto(`${torget.url}${libraryPath}/inkorg`)
      const list = page.getByRole('list', { name: 'Ärenden' })
      await expect
        .poll(
          async () => {
            await page.reload()
            await list.waitFor()
            return list.getByRole('link').allTextContents()
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toContain('Kommentar från Kim Läsare')
      await list.getByRole('link', { name: 'Kommentar från Kim Läsare' }).click()
      const item = page.getByRole('article', { name: 'Kommentar från Kim Läsare' })
      await item.waitFor()
      expect(await item.getByText('Får man ta med småsyskon?').count()).toBeGreaterThan(0)
      expect(await seriousViolations(page)).toEqual([])

      await item.getByLabel('Ditt svar').fill('Ja, alla är välkomna!')
      await item.getByRole('button', { name: 'Skicka svaret' }).click()
      await expect
        .poll(() => item.getByRole('list', { name: 'Bibliotekets svar' }).textContent(), {
          timeout: 60_000,
        })
        .toMatch(/Publicerat/)
      expect(
        stand.comments.comments.filter((c) => c.own && c.text === 'Ja, alla är välkomna!'),
      ).toHaveLength(1)
      await expect.poll(() => seriousViolations(page)).toEqual([])
    },
  )
})

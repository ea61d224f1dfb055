import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
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

describe.runIf(chromiumAvailable())('an answer awaiting approval, in Chromium', () => {
  let network: BlueskyNetwork
  let torget: RunningTorget
  let browser: Browser
  let responder: Page
  let editor: Page

  beforeAll(async () => {
    network = await startBlueskyNetwork({ appView: true })
    torget = await startTorget(ALLOW_LOOPBACK, ['--demo=members'])
    browser = await launchBrowser()
    responder = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
    editor = await (await browser.newContext({ locale: 'en-GB' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await torget?.stop()
    await network?.close()
  })

  it(
    'is held until a Redaktör approves it on the item, then goes out in the thread',
    { timeout: 360_000 },
    async () => {
      onTestFailed(async () => {
        const said = responder.locator('[aria-live], [role=status], [role=alert]')
        console.log(`Announced: ${JSON.stringify(await said.allTextContents())}`)
        console.log(`Torget said:\n${torget.output()}`)
      })
      const library = network.accounts.bibliotek
      const ours = await library.agent.post({ text: 'Bokcirkeln startar i höst.' })
      await network.settle()
      const lisa = await network.createAccount('lisa', 'Lisa Låntagare')
      await lisa.agent.post({ text: 'Hur anmäler man sig?', reply: { root: ours, parent: ours } })
      await network.settle()

      // The Ansvarig asks that answers be approved; the Redaktör connects the account.
      const admin = await (await browser.newContext({ locale: 'sv-SE' })).newPage()
      const libraryPath = await signIn(admin, torget.url, 'ansvarig@exempelbiblioteket.se')
      const libraryId = libraryPath.split('/')[2]!
      await apiCall(admin, 'PATCH', `/libraries/${libraryId}`, { repliesNeedApproval: true })
      await signIn(editor, torget.url, 'redaktor@exempelbiblioteket.se')
      await connectBluesky(editor, torget.url, libraryPath, network)

      // The Svarare answers; Torget says it waits for a colleague.
      await signIn(responder, torget.url, 'svarare@exempelbiblioteket.se')
      // The account is read every minute while it is active: allow two rounds.
      let itemId = ''
      await expect
        .poll(
          async () => {
            const found = (await apiCall(
              responder,
              'GET',
              `/libraries/${libraryId}/inbox/items?q=anmäler`,
            )) as { items: { id: string }[] }
            itemId = found.items[0]?.id ?? ''
            return itemId
          },
          { timeout: 150_000, interval: 2_000 },
        )
        .not.toBe('')
      await responder.goto(`${torget.url}${libraryPath}/inkorg?arende=${itemId}`)
      const item = responder.getByRole('article', { name: 'Svar från Lisa Låntagare' })
      await item.waitFor()
      await item.getByLabel('Ditt svar').fill('Hej Lisa! Anmäl dig i informationsdisken.')
      await item.getByRole('button', { name: 'Skicka svaret' }).click()
      const replies = item.getByRole('list', { name: 'Bibliotekets svar' })
      await expect
        .poll(() => replies.textContent(), { timeout: 30_000 })
        .toMatch(/Väntar på granskning/)
      expect(await item.getByRole('button', { name: 'Godkänn och publicera' }).count()).toBe(0)
      expect(await seriousViolations(responder)).toEqual([])

      // The Redaktör approves it on the item, in English.
      await editor.getByRole('button', { name: /Konto och språk för/ }).click()
      await editor.getByRole('menuitemradio', { name: 'English' }).click()
      await editor.goto(`${torget.url}${libraryPath}/inkorg?arende=${itemId}`)
      const editorItem = editor.getByRole('article', { name: 'Reply from Lisa Låntagare' })
      await editorItem.waitFor()
      expect(await seriousViolations(editor)).toEqual([])
      await editorItem.getByRole('button', { name: 'Approve and publish' }).click()
      await expect
        .poll(() => editorItem.getByRole('list', { name: "The library's replies" }).textContent(), {
          timeout: 30_000,
        })
        .toMatch(/Waiting to be published|Publishing|Published/)

      // Published once, in the thread.
      await expect
        .poll(
          async () => {
            const records = await library.agent.com.atproto.repo.listRecords({
              repo: library.did,
              collection: 'app.bsky.feed.post',
            })
            return records.data.records
              .map((r) => (r.value as { text: string }).text)
              .filter((t) => t.startsWith('Hej Lisa!')).length
          },
          { timeout: 90_000 },
        )
        .toBe(1)
    },
  )
})

import path from 'node:path'
import Database from 'better-sqlite3'
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

describe.runIf(chromiumAvailable())('the inbox, answered by a Svarare, in Chromium', () => {
  let network: BlueskyNetwork
  let torget: RunningTorget
  let browser: Browser
  let responder: Page
  let editor: Page

  beforeAll(async () => {
    // With the AppView, as Bluesky runs: Torget reads notifications and threads there, and asks
    // it whether a reply would be shown before sending one.
    network = await startBlueskyNetwork({ appView: true })
    // The test PDS listens on loopback, which Torget reaches only when allowed.
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
    'answers a question with a saved reply while a colleague watches it change live',
    { timeout: 360_000 },
    async () => {
      onTestFailed(async () => {
        // What Torget heard, did and told the Svarare, for a failure seen only in CI.
        const said = responder.locator('[aria-live], [role=status], [role=alert]')
        console.log(`Announced: ${JSON.stringify(await said.allTextContents())}`)
        const db = new Database(path.join(torget.dataDir, 'torget.sqlite'), { readonly: true })
        const rows = (q: string) => JSON.stringify(db.prepare(q).all(), null, 1)
        console.log(`Torget said:\n${torget.output()}`)
        console.log(`Read state: ${rows('select * from channel_cursors')}`)
        console.log(`Items: ${rows('select id, state, version, updated_at from inbox_items')}`)
        console.log(`Activity: ${rows('select item_id, action, actor_id, at from inbox_activity')}`)
        db.close()
      })
      // The library posted; a patron asks a question under it, another thanks it.
      const library = network.accounts.bibliotek
      const ours = await library.agent.post({ text: 'Sagostund på lördag kl. 11. Välkomna!' })
      const lisa = await network.createAccount('lisa', 'Lisa Låntagare')
      // The AppView indexes different accounts' events side by side, and a reply indexed before
      // the post it answers notifies no one, for good. A network does not reply that fast; a
      // busy test machine can, so the library's post is indexed before anyone answers it.
      await network.settle()
      const thread = { root: ours, parent: ours }
      await lisa.agent.post({ text: 'Har ni öppet på söndag?', reply: thread })
      await network.accounts.anna.agent.post({ text: 'Tack för tipset!', reply: thread })
      await network.settle()
      // What is tested is Torget hearing both, so wait until the local AppView (busy when the
      // whole suite runs) lists both; it indexes each account's records on its own.
      await expect
        .poll(
          async () =>
            (await library.agent.app.bsky.notification.listNotifications({ limit: 10 })).data
              .notifications.length,
          { timeout: 60_000, interval: 500 },
        )
        .toBe(2)

      // The Redaktör connects the account (Torget reads it at once) and writes a saved reply.
      const libraryPath = await signIn(editor, torget.url, 'redaktor@exempelbiblioteket.se')
      await connectBluesky(editor, torget.url, libraryPath, network)
      const libraryId = libraryPath.split('/')[2]!
      await apiCall(editor, 'POST', `/libraries/${libraryId}/inbox/saved-replies`, {
        title: 'Öppettider',
        body: 'Hej {namn}! Vi har öppet söndagar 12–16. Välkommen! /{handläggare}, {bibliotek}',
      })

      // The Svarare sees the item, newest first, with what decides who answers.
      await signIn(responder, torget.url, 'svarare@exempelbiblioteket.se')
      await responder.goto(`${torget.url}${libraryPath}/inkorg`)
      const list = responder.getByRole('list', { name: 'Ärenden' })
      await expect
        .poll(
          async () => {
            await responder.reload()
            await list.waitFor()
            return list.getByRole('link').allTextContents()
          },
          // An account with recent activity is read every minute: allow two rounds, as the
          // AppView may index one reply's notification after the first.
          { timeout: 150_000, interval: 2_000 },
        )
        .toEqual(['Svar från anna.test', 'Svar från Lisa Låntagare'])
      expect(await list.getByRole('listitem').nth(1).textContent()).toMatch(/Nytt.*Fråga/)
      // The state filter tells how many items wait in each state.
      const filters = responder.getByRole('region', { name: 'Filtrera inkorgen' })
      expect(await filters.getByLabel('Läge').locator('option').allTextContents()).toContain(
        'Nytt (2)',
      )
      expect(await seriousViolations(responder)).toEqual([])

      // The Redaktör reads the inbox in English, the same item open.
      await editor.getByRole('button', { name: /Konto och språk för/ }).click()
      await editor.getByRole('menuitemradio', { name: 'English' }).click()
      const question = (
        (await apiCall(editor, 'GET', `/libraries/${libraryId}/inbox/items?q=söndag`)) as {
          items: { id: string }[]
        }
      ).items[0]
      await editor.goto(`${torget.url}${libraryPath}/inkorg?arende=${question!.id}`)
      const editorItem = editor.getByRole('article', { name: 'Reply from Lisa Låntagare' })
      await editorItem.waitFor()
      expect(await editorItem.getByText('Not assigned').count()).toBeGreaterThan(0)

      // j opens the newest item, j again the next: the question.
      await responder.locator('body').press('j')
      await responder.locator('body').press('j')
      await responder.waitForURL(new RegExp(`arende=${question!.id}`))
      const item = responder.getByRole('article', { name: 'Svar från Lisa Låntagare' })
      await item.waitFor()
      // Presence is told on open and every 20 seconds.
      await expect
        .poll(() => editorItem.textContent(), { timeout: 30_000 })
        .toContain('Sven Svarare also has')

      // r goes to the reply box; a saved reply fills in the person and the library.
      await responder.locator('body').press('Escape')
      await responder.getByRole('heading', { level: 1 }).focus()
      await responder.keyboard.press('r')
      await expect
        .poll(() => responder.evaluate(() => document.activeElement?.id))
        .toBe('inbox-reply')
      await item.getByLabel('Sparat svar').selectOption({ label: 'Öppettider' })
      const reply = item.getByLabel('Ditt svar')
      await expect
        .poll(() => reply.inputValue())
        .toBe(
          'Hej Lisa Låntagare! Vi har öppet söndagar 12–16. Välkommen! /Sven, Exempelbiblioteket',
        )
      await expect
        .poll(() => editorItem.textContent(), { timeout: 30_000 })
        .toContain('Sven Svarare is writing a reply')

      // A placeholder nobody can fill is an error before anything is sent.
      await reply.fill(`${await reply.inputValue()} {öppettider}`)
      await expect
        .poll(() => item.getByRole('alert').allTextContents())
        .toContainEqual(expect.stringContaining('Okända platshållare: {öppettider}'))
      await item.getByRole('button', { name: 'Skicka svaret' }).click()
      expect(await item.getByText('Texten har platshållare kvar').count()).toBeGreaterThan(0)
      await reply.fill(
        'Hej Lisa Låntagare! Vi har öppet söndagar 12–16. Välkommen! /Sven, Exempelbiblioteket',
      )
      expect(await item.getByRole('heading', { name: 'Riktlinjer' }).count()).toBe(1)
      expect(await seriousViolations(responder)).toEqual([])
      await item.getByRole('button', { name: 'Skicka svaret' }).click()

      // Queued, then published; the Redaktör sees it answered without reloading.
      const replies = item.getByRole('list', { name: 'Bibliotekets svar' })
      await expect
        .poll(() => replies.textContent())
        .toMatch(/(Väntar på att publiceras|Publiceras|Publicerat).*Sven Svarare/)
      await expect.poll(() => reply.inputValue()).toBe('')
      await expect.poll(() => editorItem.textContent()).toMatch(/Answered/)
      await expect
        .poll(() =>
          editor.getByRole('list', { name: 'Items' }).getByRole('listitem').nth(1).textContent(),
        )
        .toMatch(/Answered/)
      // The counts follow without reloading: one new item fewer, one answered more.
      await expect
        .poll(() =>
          editor
            .getByRole('region', { name: 'Filter the inbox' })
            .getByLabel('State')
            .locator('option')
            .allTextContents(),
        )
        .toEqual(expect.arrayContaining(['New (1)', 'Answered (1)']))
      expect(await seriousViolations(editor)).toEqual([])

      // e marks it done; the colleague hears of it too.
      await responder.getByRole('heading', { level: 1 }).focus()
      await responder.keyboard.press('e')
      await expect.poll(() => item.textContent()).toMatch(/Klart/)
      await expect.poll(() => editorItem.textContent()).toMatch(/Done/)
      await expect
        .poll(() => item.getByRole('list', { name: 'Händelser' }).textContent())
        .toMatch(/Sven Svarare ändrade läget till Klart/)
      expect(await seriousViolations(responder)).toEqual([])

      // The answer went out on the network, in the thread.
      await expect
        .poll(
          async () => {
            const account = network.accounts.bibliotek
            const records = await account.agent.com.atproto.repo.listRecords({
              repo: account.did,
              collection: 'app.bsky.feed.post',
            })
            return records.data.records.map((r) => (r.value as { text: string }).text)
          },
          { timeout: 90_000 },
        )
        .toContainEqual(expect.stringContaining('Hej Lisa Låntagare!'))
    },
  )
})

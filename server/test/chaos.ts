import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'
import path from 'node:path'
import { loadConfig } from '../config/config.js'
import type { Dialect } from '../db/database.js'
import { createLogger } from '../logger.js'
import { authorize } from '../services/access.js'
import { buildTorget } from '../wiring.js'
import { startBlueskyNetwork } from './bluesky.js'
import { createTestDatabase } from './databases.js'
import { ALLOW_LOOPBACK } from './outbound.js'

const root = path.resolve(import.meta.dirname, '../..')

export interface ChaosResult {
  dialect: Dialect
  posts: number
  kills: number
  recordsOnPds: number
  duplicates: number
  missing: number
  published: number
  seconds: number
}

/**
 * Schedules `posts` posts to a real PDS, SIGKILLs the worker process at random
 * moments `kills` times (restarting it each time), then counts what the PDS
 * holds: every post exactly once, none lost.
 */
export async function publishChaos(options: {
  dialect: Dialect
  posts: number
  kills: number
  log?: (line: string) => void
  /** How worker processes are started; the chaos script tracks them so none outlives it. */
  spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess
}): Promise<ChaosResult> {
  const log = options.log ?? (() => {})
  const started = Date.now()
  const network = await startBlueskyNetwork()
  const database = await createTestDatabase(options.dialect)
  const env = {
    TORGET_DATA_DIR: database.dataDir,
    ...(database.url && { DATABASE_URL: database.url }),
    LOG_LEVEL: 'warn',
    // The PDS listens on loopback; the in-process Torget and the worker both connect to it.
    ...ALLOW_LOOPBACK,
    // Short, so that an attempt lost with its worker is taken up again within seconds.
    TORGET_PUBLISH_TIMEOUT_SECONDS: '8',
  }
  const config = loadConfig(env)
  const torget = await buildTorget(config, createLogger('silent'))
  let worker: ChildProcess | undefined
  try {
    const { auth, channels, posts, store } = torget.services
    await auth.setup({
      name: 'Chaos',
      email: 'chaos@bibliotek.test',
      password: 'ett-langt-losenord',
      libraryName: 'Kaosbiblioteket',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      setupCode: (await auth.setupCode())!.code,
    })
    const user = (await store.repos.users.findByEmail('chaos@bibliotek.test'))!
    const libraryId = (await store.repos.memberships.listForUser(user.id))[0]!.libraryId
    const manage = await authorize(store.repos, user.id, libraryId, 'channels.manage')
    const account = network.accounts.bibliotek
    const channel = await channels.connect(manage, 'bluesky', {
      identifier: account.handle,
      appPassword: account.appPassword,
      service: network.pdsUrl,
    })
    const write = await authorize(store.repos, user.id, libraryId, 'posts.write')
    const publish = await authorize(store.repos, user.id, libraryId, 'posts.publish')
    const firstDue = Date.now() + 3000
    for (let i = 0; i < options.posts; i++) {
      const post = await posts.create(write, {
        text: `Kaosprov ${i + 1} av ${options.posts}`,
        variants: {},
        channelIds: [channel.id],
      })
      // Spread over a few seconds so that kills land before, during and after attempts.
      await posts.schedule(publish, post.id, new Date(firstDue + (i % 10) * 300), post.version)
    }
    log(`${options.dialect}: scheduled ${options.posts} posts`)

    const startWorker = () => {
      const child = (options.spawn ?? ((c, a, o) => spawn(c, a, o)))(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'server/cli/main.ts'), 'serve', '--role=worker'],
        {
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      )
      return child
    }
    worker = startWorker()
    for (let k = 0; k < options.kills; k++) {
      await new Promise((r) => setTimeout(r, 800 + Math.random() * 1500))
      worker.kill('SIGKILL')
      await new Promise((r) => worker!.once('exit', r))
      log(`${options.dialect}: killed the worker (${k + 1}/${options.kills})`)
      worker = startWorker()
    }
    const deadline = Date.now() + 120_000
    let published = 0
    while (Date.now() < deadline) {
      const all = await store.repos.posts.list(libraryId, { limit: 10_000 })
      published = all.filter((p) => p.state === 'published').length
      if (published === options.posts) break
      await new Promise((r) => setTimeout(r, 500))
    }
    const texts: string[] = []
    let cursor: string | undefined
    do {
      const page = await account.agent.com.atproto.repo.listRecords({
        repo: account.did,
        collection: 'app.bsky.feed.post',
        limit: 100,
        cursor,
      })
      texts.push(...page.data.records.map((r) => String((r.value as { text?: string }).text)))
      cursor = page.data.cursor
    } while (cursor)
    const counts = new Map<string, number>()
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1)
    let missing = 0
    for (let i = 0; i < options.posts; i++)
      if (!counts.has(`Kaosprov ${i + 1} av ${options.posts}`)) missing++
    return {
      dialect: options.dialect,
      posts: options.posts,
      kills: options.kills,
      recordsOnPds: texts.length,
      duplicates: [...counts.values()].reduce((n, c) => n + (c - 1), 0),
      missing,
      published,
      seconds: Math.round((Date.now() - started) / 1000),
    }
  } finally {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM')
      await new Promise((r) => worker!.once('exit', r))
    }
    await torget.close()
    await database.drop()
    await network.close()
  }
}

import crypto from 'node:crypto'
import { AtpAgent } from '@atproto/api'
import type { TestNetwork, TestNetworkNoAppView } from '@atproto/dev-env'
import pg from 'pg'
import { ADMIN_PG_URL } from './databases.js'
import { freePort } from './listen.js'

export interface BlueskyTestAccount {
  did: string
  handle: string
  email: string
  /** The account password; Torget itself is only ever given the app password. */
  password: string
  /** A real app password, made with com.atproto.server.createAppPassword. */
  appPassword: string
  /** Signed in with the account password, for setting up and checking from the outside. */
  agent: AtpAgent
}

export interface BlueskyNetwork {
  pdsUrl: string
  /** The PLC directory the accounts' DIDs live in (the adapter's `plcUrl`). */
  plcUrl: string
  accounts: Record<'bibliotek' | 'anna', BlueskyTestAccount>
  /** Signs up another account on the PDS. */
  createAccount(name: string, displayName?: string): Promise<BlueskyTestAccount>
  /**
   * Waits until everything written so far has gone through the PDS's event
   * stream and, with an AppView, been indexed there (notifications, threads,
   * counts). Without an AppView it only drains the PDS.
   */
  settle(): Promise<void>
  close(): Promise<void>
}

export interface BlueskyNetworkOptions {
  rateLimits?: boolean
  /**
   * Also run the AppView (bsky), Ozone and Bsync as Bluesky does, so reads
   * such as notifications and threads work. Needs PostgreSQL (TORGET_TEST_PG_URL
   * or 127.0.0.1:5432); each network gets schemas of its own, dropped on close.
   */
  appView?: boolean
}

/**
 * A real PDS and PLC on loopback (@atproto/dev-env) with two accounts: the
 * library's and a person's. By default without AppView (no database needed);
 * with `appView` the full local network. Throws, never skips, when the
 * network cannot start.
 */
export async function startBlueskyNetwork(
  options: BlueskyNetworkOptions = {},
): Promise<BlueskyNetwork> {
  let network: TestNetworkNoAppView | TestNetwork
  let dropSchemas = async () => {}
  const pds = { rateLimitsEnabled: options.rateLimits ?? false }
  try {
    if (options.appView) {
      const started = await startWithAppView(pds)
      network = started.network
      dropSchemas = started.dropSchemas
    } else {
      const { TestNetworkNoAppView } = await loadDevEnv()
      network = await TestNetworkNoAppView.create({ pds })
    }
  } catch (error) {
    if (error instanceof Error && error.message.includes('PostgreSQL')) throw error
    throw new Error(
      'Could not start the Bluesky test network (@atproto/dev-env). Is it installed, and does ' +
        'its better-sqlite3 have a compiled binary (npm rebuild better-sqlite3)? ' +
        `Cause: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  const pdsUrl = network.pds.url
  const created: string[] = []
  const settle =
    'bsky' in network
      ? async () => {
          const full = network as TestNetwork
          await full.processAll()
          await indexActors(full, created)
        }
      : () => network.pds.processAll()
  const close = async () => {
    try {
      await network.close()
    } finally {
      await dropSchemas()
    }
  }

  async function createAccount(name: string, displayName?: string): Promise<BlueskyTestAccount> {
    const agent = new AtpAgent({ service: pdsUrl })
    const handle = `${name}.test`
    const email = `${name}@example.com`
    const password = `${name}-account-password`
    await agent.createAccount({ handle, email, password })
    if (displayName) {
      await agent.com.atproto.repo.createRecord({
        repo: agent.assertDid,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        record: { $type: 'app.bsky.actor.profile', displayName },
      })
    }
    const { data } = await agent.com.atproto.server.createAppPassword({ name: 'Torget' })
    created.push(agent.assertDid)
    return { did: agent.assertDid, handle, email, password, appPassword: data.password, agent }
  }

  try {
    const [bibliotek, anna] = await Promise.all([
      createAccount('bibliotek', 'Stadsbiblioteket'),
      createAccount('anna'),
    ])
    await settle()
    return {
      pdsUrl,
      plcUrl: network.plc.url,
      accounts: { bibliotek, anna },
      createAccount,
      settle,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * The AppView shows a notification, reply or profile only from an actor it has
 * indexed, and it indexes an actor while handling that actor's events,
 * resolving the DID at PLC as it goes. When that resolution fails (a busy
 * machine running the whole suite), the event is logged and passed over, and
 * nothing retries it until the account writes again: the account's posts then
 * never reach anyone's notifications. Settling makes sure every account the
 * test created is indexed, retrying a failed resolution.
 */
async function indexActors(network: TestNetwork, dids: string[]): Promise<void> {
  const indexing = network.bsky.sub.indexingSvc
  for (const did of dids) {
    for (let attempt = 1; ; attempt++) {
      try {
        // Not forced: a no-op for an actor already indexed.
        await indexing.indexHandle(did, new Date().toISOString())
        break
      } catch (error) {
        if (attempt === 5) throw error
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt))
      }
    }
  }
}

/**
 * dev-env's full network keeps the AppView's, Ozone's and Bsync's tables in
 * PostgreSQL under `<service>_<schema>`; a random schema per network lets test
 * files run side by side. It also insists on REDIS_HOST being set, though
 * nothing in this dev-env version connects to Redis (the AppView's cache is
 * only used when given a Redis client), so a Redis server is not required.
 */
async function startWithAppView(
  pds: Record<string, unknown>,
): Promise<{ network: TestNetwork; dropSchemas: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `The Bluesky AppView needs PostgreSQL, but ${ADMIN_PG_URL} does not answer ` +
        `(set TORGET_TEST_PG_URL to another server): ${String(error)}`,
      { cause: error },
    )
  }
  await admin.end()
  // The services accept only letters and underscores in schema names.
  const schema = `torget_${[...crypto.randomBytes(10)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`
  const dropSchemas = async () => {
    const client = new pg.Client({ connectionString: ADMIN_PG_URL })
    await client.connect()
    try {
      for (const service of ['appview', 'bsync', 'ozone']) {
        await client.query(`drop schema if exists ${service}_${schema} cascade`)
      }
    } finally {
      await client.end()
    }
  }
  process.env.REDIS_HOST ??= '127.0.0.1:6379'
  const { TestNetwork } = await import('@atproto/dev-env')
  try {
    // The AppView serves the images it lists itself (/img/) when its public address is its own;
    // dev-env's default names a host that does not exist.
    const port = await freePort()
    const network = await TestNetwork.create({
      dbPostgresUrl: ADMIN_PG_URL,
      dbPostgresSchema: schema,
      pds,
      bsky: { port, publicUrl: `http://localhost:${port}` },
    })
    return { network, dropSchemas }
  } catch (error) {
    await dropSchemas().catch(() => {})
    throw error
  }
}

/**
 * The package entry also loads the AppView, Ozone and Bsync (~11 s on a
 * laptop); the file with the network without AppView loads in half that.
 * It is found next to the entry, so hoisting does not matter; should a
 * dev-env release move it, the entry still works, only slower.
 */
async function loadDevEnv(): Promise<{ TestNetworkNoAppView: typeof TestNetworkNoAppView }> {
  const entry = import.meta.resolve('@atproto/dev-env')
  try {
    return await import(new URL('./network-no-appview.js', entry).href)
  } catch {
    return await import('@atproto/dev-env')
  }
}

import { AtpAgent } from '@atproto/api'
import type { TestNetworkNoAppView } from '@atproto/dev-env'

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
  accounts: Record<'bibliotek' | 'anna', BlueskyTestAccount>
  /** Signs up another account on the PDS. */
  createAccount(name: string, displayName?: string): Promise<BlueskyTestAccount>
  close(): Promise<void>
}

/**
 * A real PDS and PLC on loopback (@atproto/dev-env, no AppView: neither
 * PostgreSQL nor Redis needed) with two accounts: the library's and a
 * person's. Throws, never skips, when the network cannot start.
 */
export async function startBlueskyNetwork(
  options: { rateLimits?: boolean } = {},
): Promise<BlueskyNetwork> {
  let network: TestNetworkNoAppView
  try {
    const { TestNetworkNoAppView } = await loadDevEnv()
    network = await TestNetworkNoAppView.create({
      pds: { rateLimitsEnabled: options.rateLimits ?? false },
    })
  } catch (error) {
    throw new Error(
      'Could not start the Bluesky test network (@atproto/dev-env). Is it installed, and does ' +
        'its better-sqlite3 have a compiled binary (npm rebuild better-sqlite3)? ' +
        `Cause: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  const pdsUrl = network.pds.url

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
    return { did: agent.assertDid, handle, email, password, appPassword: data.password, agent }
  }

  try {
    const [bibliotek, anna] = await Promise.all([
      createAccount('bibliotek', 'Stadsbiblioteket'),
      createAccount('anna'),
    ])
    return {
      pdsUrl,
      accounts: { bibliotek, anna },
      createAccount,
      close: () => network.close(),
    }
  } catch (error) {
    await network.close()
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

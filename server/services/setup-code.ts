import type { Store } from '../repos/index.js'
import { newSetupCode } from '../security/setup-code.js'

export interface PendingSetupCode {
  code: string
  /** Set by TORGET_SETUP_CODE, rather than generated and kept in the database. */
  fromEnvironment: boolean
}

/**
 * The code first-time setup asks for, while no account exists: whoever reaches the server
 * first must also see its console (or run `torget doctor`). A generated code is kept in the
 * database, not in the data directory, so that every web process, a worker and `doctor` on
 * another machine agree on it on SQLite and PostgreSQL alike. Null once set up.
 */
export async function pendingSetupCode(
  store: Store,
  configured: string | undefined,
): Promise<PendingSetupCode | null> {
  if ((await store.repos.users.count()) > 0) return null
  if (configured) return { code: configured, fromEnvironment: true }
  const code = await store.repos.setupCodes.ensure(newSetupCode(), new Date().toISOString())
  return { code, fromEnvironment: false }
}

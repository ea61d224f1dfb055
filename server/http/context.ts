import type { Context } from 'hono'
import type { Locale } from '../../core/locale.js'
import type { Permission } from '../../core/roles.js'
import type { Logger } from '../logger.js'
import type { LibraryAccess } from '../services/access.js'
import type { AccessView } from '../services/access-cache.js'
import type { CurrentUser } from '../services/auth-service.js'

export interface AppEnv {
  Variables: {
    requestId: string
    locale: Locale
    /** The client's address (behind trusted proxies, from X-Forwarded-For); null when unknown. */
    clientIp: string | null
    log: Logger
    user: CurrentUser | undefined
    /** Sessions and memberships as this request sees them (services/access-cache.ts). */
    accessView: AccessView
    membership: LibraryAccess | undefined
    access: { permission: Permission; grant: LibraryAccess } | undefined
  }
}
export type AppContext = Context<AppEnv>

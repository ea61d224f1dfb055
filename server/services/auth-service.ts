import { DomainError, RetryLaterError } from '../../core/errors.js'
import { type Locale, localeSchema } from '../../core/locale.js'
import { roleSchema } from '../../core/roles.js'
import type { SessionView, SetupInput, User } from '../../core/schemas/index.js'
import type { Store } from '../repos/index.js'
import { burnPasswordCheck, hashPassword, verifyPassword } from '../security/passwords.js'
import { sameSetupCode } from '../security/setup-code.js'
import { recordAudit } from './audit-service.js'
import { type TokenHasher, newId, newToken } from '../security/tokens.js'
import { type EmailOutbox, passwordResetEmail } from './emails.js'
import { pendingSetupCode } from './setup-code.js'
import { signInThrottle } from './sign-in-throttle.js'

const SESSION_DAYS = 30
// A session's expiry slides forward at most once an hour, not on every request.
const TOUCH_AFTER_MS = 60 * 60 * 1000
const RESET_TTL_MS = 60 * 60 * 1000
const MAX_RESETS_PER_EMAIL = 3

export interface CurrentUser extends User {
  sessionIdHash: string
  csrfToken: string
}

export interface AuthServiceDeps {
  store: Store
  hashToken: TokenHasher
  emails: EmailOutbox
  publicUrl: string
  /** TORGET_SETUP_CODE; without it a code is generated once and kept in the database. */
  setupCode?: string | undefined
}

export function authService({
  store,
  hashToken,
  emails,
  publicUrl,
  setupCode: configuredSetupCode,
}: AuthServiceDeps) {
  const throttle = signInThrottle(store)
  const now = () => new Date().toISOString()
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

  async function openSession(userId: string): Promise<{ token: string }> {
    const token = newToken()
    await store.repos.sessions.insert({
      idHash: hashToken(token),
      userId,
      csrfToken: newToken(),
      now: now(),
      expiresAt: inDays(SESSION_DAYS),
    })
    return { token }
  }

  async function sessionView(user: CurrentUser): Promise<SessionView> {
    const memberships = await store.repos.memberships.listForUser(user.id)
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        locale: user.locale,
        isInstanceAdmin: user.isInstanceAdmin,
      },
      csrfToken: user.csrfToken,
      memberships: memberships.map((m) => ({ ...m, role: roleSchema.parse(m.role) })),
    }
  }

  async function currentUser(token: string | undefined): Promise<CurrentUser | undefined> {
    if (!token || token.length > 100) return undefined
    const idHash = hashToken(token)
    const row = await store.repos.sessions.findLive(idHash, now())
    if (!row) return undefined
    if (Date.now() - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) {
      await store.repos.sessions.touch(idHash, now(), inDays(SESSION_DAYS))
    }
    return {
      id: row.user_id,
      email: row.email,
      name: row.name,
      locale: localeSchema.catch('sv').parse(row.locale),
      isInstanceAdmin: row.is_instance_admin === 1,
      sessionIdHash: idHash,
      csrfToken: row.csrf_token,
    }
  }

  return {
    currentUser,
    sessionView,

    async setupNeeded(): Promise<boolean> {
      return (await store.repos.users.count()) === 0
    },

    /** The one-time code setup asks for; null once the first account exists. */
    setupCode: () => pendingSetupCode(store, configuredSetupCode),

    /** Creates the first account (an instance administrator) and the first library. */
    async setup(input: Required<SetupInput>): Promise<{ token: string }> {
      if ((await store.repos.users.count()) > 0) throw new DomainError('setup_done')
      const expected = configuredSetupCode ?? (await store.repos.setupCodes.find())
      if (!expected || !sameSetupCode(input.setupCode, expected))
        throw new DomainError('setup_code_invalid')
      const passwordHash = await hashPassword(input.password)
      const userId = newId()
      await store.transaction(async (repos) => {
        if ((await repos.users.count()) > 0) throw new DomainError('setup_done')
        await repos.setupCodes.delete()
        const at = now()
        const libraryId = newId()
        await repos.users.insert({
          id: userId,
          email: input.email,
          name: input.name,
          passwordHash,
          locale: input.locale,
          isInstanceAdmin: true,
          now: at,
        })
        await repos.libraries.insert({
          id: libraryId,
          name: input.libraryName,
          timeZone: input.timeZone,
          locale: input.locale,
          now: at,
        })
        await repos.memberships.insert({ libraryId, userId, role: 'admin', now: at })
        await recordAudit(
          repos,
          { libraryId: null, actorId: userId },
          {
            action: 'instance.admin_created',
            target: { type: 'user', id: userId, label: input.email },
            details: { via: 'setup' },
          },
        )
        await recordAudit(
          repos,
          { libraryId, actorId: userId },
          { action: 'library.created', details: { name: input.libraryName } },
        )
      })
      return openSession(userId)
    },

    async signIn(email: string, password: string, ip: string | null): Promise<{ token: string }> {
      const { authEvents, users } = store.repos
      const attempt = await throttle.begin(email, ip)
      let user: Awaited<ReturnType<typeof users.findByEmail>>
      let ok: boolean
      try {
        user = await users.findByEmail(email)
        ok = user
          ? await verifyPassword(password, user.password_hash)
          : (await burnPasswordCheck(password), false)
      } catch (error) {
        if (error instanceof RetryLaterError) await throttle.abandoned(attempt)
        throw error
      }
      if (!user || !ok) {
        await authEvents.record({
          id: newId(),
          kind: 'sign_in_failed',
          email,
          userId: user?.id ?? null,
          ip,
          now: now(),
        })
        throw new DomainError('invalid_credentials')
      }
      await throttle.succeeded(attempt)
      await authEvents.record({
        id: newId(),
        kind: 'sign_in',
        email,
        userId: user.id,
        ip,
        now: now(),
      })
      return openSession(user.id)
    },

    async signOut(user: CurrentUser): Promise<void> {
      await store.repos.sessions.delete(user.sessionIdHash)
    },

    /** Always succeeds from the outside, so it does not reveal which emails have accounts. */
    async requestPasswordReset(
      email: string,
      ip: string | null,
      fallbackLocale: Locale,
    ): Promise<void> {
      const since = new Date(Date.now() - RESET_TTL_MS).toISOString()
      if (
        (await store.repos.authEvents.countSince('reset_requested', { email }, since)) >=
        MAX_RESETS_PER_EMAIL
      )
        return
      const user = await store.repos.users.findByEmail(email)
      await store.repos.authEvents.record({
        id: newId(),
        kind: 'reset_requested',
        email,
        userId: user?.id ?? null,
        ip,
        now: now(),
      })
      if (!user) return
      const token = newToken()
      const tokenHash = hashToken(token)
      await store.repos.passwordResets.insert({
        tokenHash,
        userId: user.id,
        now: now(),
        expiresAt: new Date(Date.now() + RESET_TTL_MS).toISOString(),
      })
      const locale = localeSchema.catch(fallbackLocale).parse(user.locale)
      const url = `${publicUrl}/aterstall-losenord?token=${encodeURIComponent(token)}`
      await emails(
        passwordResetEmail({ to: user.email, locale, url }),
        `password-reset:${tokenHash}`,
      )
    },

    async confirmPasswordReset(token: string, password: string): Promise<void> {
      const tokenHash = hashToken(token)
      // The link first: hashing costs 32 MiB and a turn in the queue, not to be spent on a guess.
      if (!(await store.repos.passwordResets.isLive(tokenHash, now())))
        throw new DomainError('reset_token_invalid')
      const passwordHash = await hashPassword(password)
      await store.transaction(async (repos) => {
        const userId = await repos.passwordResets.consume(tokenHash, now())
        if (!userId) throw new DomainError('reset_token_invalid')
        await repos.users.update(userId, { passwordHash }, now())
        // A reset signs the account out everywhere: whoever knew the old password is out.
        await repos.sessions.deleteForUser(userId)
        await repos.authEvents.record({
          id: newId(),
          kind: 'reset_completed',
          email: null,
          userId,
          ip: null,
          now: now(),
        })
      })
    },

    async updateMe(
      user: CurrentUser,
      patch: { name?: string | undefined; locale?: Locale | undefined },
    ): Promise<User> {
      await store.repos.users.update(
        user.id,
        { ...(patch.name && { name: patch.name }), ...(patch.locale && { locale: patch.locale }) },
        now(),
      )
      return {
        id: user.id,
        email: user.email,
        isInstanceAdmin: user.isInstanceAdmin,
        name: patch.name ?? user.name,
        locale: patch.locale ?? user.locale,
      }
    },

    openSession,

    async purgeExpired(): Promise<void> {
      await store.repos.sessions.deleteExpired(now())
      await store.repos.passwordResets.deleteExpired(now())
      await store.repos.emailConfirmations.deleteExpired(now())
      await throttle.purge()
      // Kept 90 days: long enough to investigate an incident, short enough to minimise data (GDPR).
      await store.repos.authEvents.deleteOlderThan(
        new Date(Date.now() - 90 * 86_400_000).toISOString(),
      )
    },
  }
}
export type AuthService = ReturnType<typeof authService>

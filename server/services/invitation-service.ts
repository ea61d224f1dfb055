import { DomainError, RetryLaterError } from '../../core/errors.js'
import { type Clock, systemClock } from '../clock.js'
import { type Locale, localeSchema } from '../../core/locale.js'
import { type Role, roleSchema } from '../../core/roles.js'
import type { Invitation, InvitationPreview } from '../../core/schemas/index.js'
import type { Repos, Store } from '../repos/index.js'
import { hashPassword } from '../security/passwords.js'
import { type TokenHasher, newId, newToken } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { auditIn } from './audit-service.js'
import type { CurrentUser } from './auth-service.js'
import {
  type EmailOutbox,
  addressInUseEmail,
  confirmAddressEmail,
  invitationEmail,
} from './emails.js'

const INVITATION_DAYS = 7
const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000

type OpenInvitation = NonNullable<Awaited<ReturnType<Repos['invitations']['findByTokenHash']>>>

export interface NewAccount {
  name: string
  email: string
  password: string
}

export function invitationService({
  store,
  hashToken,
  emails,
  publicUrl,
  clock = systemClock,
}: {
  store: Store
  hashToken: TokenHasher
  emails: EmailOutbox
  publicUrl: string
  clock?: Clock
}) {
  async function findOpen(token: string): Promise<OpenInvitation> {
    const invitation = await store.repos.invitations.findByTokenHash(hashToken(token))
    if (!invitation) throw new DomainError('invitation_not_found')
    if (invitation.revoked_at) throw new DomainError('invitation_revoked')
    if (invitation.accepted_at) throw new DomainError('invitation_used')
    if (invitation.expires_at <= clock.now().toISOString())
      throw new DomainError('invitation_expired')
    return invitation
  }

  return {
    async create(
      access: LibraryAccess<'invitations.manage'>,
      input: { role: Role; email?: string | undefined },
    ): Promise<Invitation & { url: string; emailQueued: boolean }> {
      const token = newToken()
      const id = newId()
      const now = clock.now().toISOString()
      const expiresAt = new Date(clock.now().getTime() + INVITATION_DAYS * 86_400_000).toISOString()
      const email = input.email ?? null
      await store.repos.invitations.insert({
        id,
        libraryId: access.libraryId,
        tokenHash: hashToken(token),
        email,
        role: input.role,
        invitedBy: access.userId,
        now,
        expiresAt,
      })
      await auditIn(store.repos, access, {
        action: 'invitation.created',
        target: { type: 'invitation', id, label: email },
        details: { role: input.role, emailed: Boolean(email) },
      })
      const url = `${publicUrl}/inbjudan/${token}`
      const [library, inviter] = await Promise.all([
        store.repos.libraries.findById(access.libraryId),
        store.repos.users.findById(access.userId),
      ])
      if (email && library && inviter) {
        const locale = localeSchema.catch('sv').parse(library.locale)
        await emails(
          invitationEmail({
            to: email,
            locale,
            libraryName: library.name,
            inviter: inviter.name,
            role: input.role,
            url,
            expiresAt,
          }),
          `invitation:${id}`,
        )
      }
      return {
        id,
        role: input.role,
        email,
        invitedBy: inviter?.name ?? '',
        createdAt: now,
        expiresAt,
        url,
        emailQueued: Boolean(email),
      }
    },

    async listPending(access: LibraryAccess<'invitations.manage'>): Promise<Invitation[]> {
      const rows = await store.repos.invitations.listPending(
        access.libraryId,
        clock.now().toISOString(),
      )
      return rows.map((r) => ({ ...r, role: roleSchema.parse(r.role) }))
    },

    async revoke(access: LibraryAccess<'invitations.manage'>, id: string): Promise<void> {
      if (
        !(await store.repos.invitations.revoke(access.libraryId, id, clock.now().toISOString()))
      ) {
        throw new DomainError('invitation_not_found')
      }
      await auditIn(store.repos, access, {
        action: 'invitation.revoked',
        target: { type: 'invitation', id },
      })
    },

    /** What the link shows before anyone signs in: the token itself is the permission. */
    async preview(token: string): Promise<InvitationPreview> {
      const i = await findOpen(token)
      return {
        libraryName: i.library_name,
        role: roleSchema.parse(i.role),
        email: i.email,
        invitedBy: i.inviter_name,
        expiresAt: i.expires_at,
      }
    },

    /**
     * Joins the library as the signed-in user, or creates the account first: with the address an
     * invitation was e-mailed to, or (`confirm`) one proven by a confirmation link.
     * Returns the user id that joined.
     */
    async accept(
      token: string,
      who: { user: CurrentUser } | { account: NewAccount },
    ): Promise<string> {
      const invitation = await findOpen(token)
      const email = 'user' in who ? who.user.email : who.account.email
      if ('account' in who && !invitation.email) throw new DomainError('email_confirmation_invalid')
      if (invitation.email && invitation.email !== email)
        throw new DomainError('invitation_wrong_email')
      const passwordHash = 'account' in who ? await hashPassword(who.account.password) : undefined
      return join(invitation, who, passwordHash)
    },

    /**
     * A link-only invitation and someone signed out: nothing is created until they prove the
     * address, so a link holder cannot take on someone else's address. The answer is the same
     * whether or not the address has an account; its owner is e-mailed instead of told here.
     */
    async requestConfirmation(token: string, email: string, locale: Locale): Promise<void> {
      const invitation = await findOpen(token)
      if (invitation.email) throw new DomainError('invitation_wrong_email')
      const now = clock.now()
      const hourAgo = new Date(now.getTime() - 3_600_000).toISOString()
      // Each request sends an e-mail to an address of the link holder's choosing.
      if ((await store.repos.emailConfirmations.countSince(invitation.id, hourAgo)) >= 5)
        throw new RetryLaterError('too_many_attempts', 3600)
      const code = newToken()
      const codeHash = hashToken(code)
      await store.repos.emailConfirmations.insert({
        tokenHash: codeHash,
        invitationId: invitation.id,
        email,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
      })
      const existing = await store.repos.users.findByEmail(email)
      const message = existing
        ? addressInUseEmail({
            to: email,
            locale: localeSchema.catch(locale).parse(existing.locale),
            libraryName: invitation.library_name,
            signInUrl: `${publicUrl}/logga-in`,
          })
        : confirmAddressEmail({
            to: email,
            locale,
            libraryName: invitation.library_name,
            url: `${publicUrl}/inbjudan/${token}?code=${encodeURIComponent(code)}`,
          })
      await emails(message, `email-confirmation:${codeHash}`)
    },

    /** The address a confirmation link proves, before the person chooses name and password. */
    async confirmation(token: string, code: string): Promise<{ email: string }> {
      const invitation = await findOpen(token)
      const pending = await store.repos.emailConfirmations.findLive(
        hashToken(code),
        invitation.id,
        clock.now().toISOString(),
      )
      if (!pending) throw new DomainError('email_confirmation_invalid')
      return { email: pending.email }
    },

    /** Creates the account with the address the confirmation link proved, and joins. */
    async confirm(
      token: string,
      code: string,
      account: { name: string; password: string },
    ): Promise<string> {
      const invitation = await findOpen(token)
      const codeHash = hashToken(code)
      const pending = await store.repos.emailConfirmations.findLive(
        codeHash,
        invitation.id,
        clock.now().toISOString(),
      )
      if (!pending) throw new DomainError('email_confirmation_invalid')
      const passwordHash = await hashPassword(account.password)
      return join(
        invitation,
        { account: { ...account, email: pending.email } },
        passwordHash,
        async (repos, now) => {
          if (!(await repos.emailConfirmations.consume(codeHash, invitation.id, now)))
            throw new DomainError('email_confirmation_invalid')
        },
      )
    },
  }

  async function join(
    invitation: OpenInvitation,
    who: { user: CurrentUser } | { account: NewAccount },
    passwordHash: string | undefined,
    first?: (repos: Repos, now: string) => Promise<void>,
  ): Promise<string> {
    const email = 'user' in who ? who.user.email : who.account.email
    return store.transaction(async (repos) => {
      const now = clock.now().toISOString()
      await first?.(repos, now)
      let userId: string
      if ('user' in who) {
        userId = who.user.id
        if (await repos.memberships.find(invitation.library_id, userId))
          throw new DomainError('already_member')
      } else {
        if (await repos.users.findByEmail(who.account.email)) throw new DomainError('email_taken')
        userId = newId()
        const library = await repos.libraries.findById(invitation.library_id)
        await repos.users.insert({
          id: userId,
          email: who.account.email,
          name: who.account.name,
          passwordHash: passwordHash!,
          locale: library?.locale ?? 'sv',
          isInstanceAdmin: false,
          now,
        })
      }
      if (!(await repos.invitations.markAccepted(invitation.id, userId, now)))
        throw new DomainError('invitation_used')
      await repos.memberships.insert({
        libraryId: invitation.library_id,
        userId,
        role: invitation.role,
        now,
      })
      await repos.authEvents.record({
        id: newId(),
        kind: 'invitation_accepted',
        email,
        userId,
        ip: null,
        now,
      })
      await auditIn(
        repos,
        { libraryId: invitation.library_id, userId },
        {
          action: 'invitation.accepted',
          target: { type: 'invitation', id: invitation.id, label: invitation.email },
          details: { role: invitation.role },
        },
      )
      return userId
    })
  }
}
export type InvitationService = ReturnType<typeof invitationService>

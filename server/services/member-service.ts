import { DomainError } from '../../core/errors.js'
import { type Role, roleSchema } from '../../core/roles.js'
import type { Member } from '../../core/schemas/index.js'
import type { Store } from '../repos/index.js'
import type { LibraryAccess } from './access.js'
import { auditIn } from './audit-service.js'

export function memberService({ store }: { store: Store }) {
  return {
    async list(access: LibraryAccess<'members.read'>): Promise<Member[]> {
      const rows = await store.repos.memberships.listForLibrary(access.libraryId)
      return rows.map((r) => ({ ...r, role: roleSchema.parse(r.role) }))
    },

    async changeRole(
      access: LibraryAccess<'members.manage'>,
      userId: string,
      role: Role,
    ): Promise<Member> {
      return store.transaction(async (repos) => {
        await repos.memberships.lockLibrary(access.libraryId)
        const current = await repos.memberships.find(access.libraryId, userId)
        if (!current) throw new DomainError('member_not_found')
        if (
          current.role === 'admin' &&
          role !== 'admin' &&
          (await repos.memberships.count(access.libraryId, 'admin')) <= 1
        ) {
          throw new DomainError('last_admin')
        }
        await repos.memberships.updateRole(access.libraryId, userId, role)
        const member = (await repos.memberships.listForLibrary(access.libraryId)).find(
          (m) => m.userId === userId,
        )!
        if (current.role !== role)
          await auditIn(repos, access, {
            action: 'member.role_changed',
            target: { type: 'user', id: userId, label: member.name },
            details: { from: current.role, to: role },
          })
        return { ...member, role }
      })
    },

    /** An Ansvarig removes anyone; every member may leave on their own. */
    async remove(access: LibraryAccess<'members.read'>, userId: string): Promise<void> {
      if (userId !== access.userId && access.role !== 'admin') throw new DomainError('forbidden')
      await store.transaction(async (repos) => {
        await repos.memberships.lockLibrary(access.libraryId)
        const current = await repos.memberships.find(access.libraryId, userId)
        if (!current) throw new DomainError('member_not_found')
        if (
          current.role === 'admin' &&
          (await repos.memberships.count(access.libraryId, 'admin')) <= 1
        ) {
          throw new DomainError('last_admin')
        }
        await repos.memberships.delete(access.libraryId, userId)
        const name = (await repos.users.findById(userId))?.name ?? null
        await auditIn(repos, access, {
          action: userId === access.userId ? 'member.left' : 'member.removed',
          target: { type: 'user', id: userId, label: name },
          details: { role: current.role },
        })
      })
    },
  }
}
export type MemberService = ReturnType<typeof memberService>

import { DomainError } from '../../core/errors.js'
import { type Role, roleSchema } from '../../core/roles.js'
import type { Member } from '../../core/schemas/index.js'
import type { Store } from '../repos/index.js'
import type { LibraryAccess } from './access.js'

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
      })
    },
  }
}
export type MemberService = ReturnType<typeof memberService>

import { DomainError } from '../../core/errors.js'
import { type Permission, type Role, can, roleSchema } from '../../core/roles.js'
import type { Repos, Store } from '../repos/index.js'

declare const granted: unique symbol

/**
 * Proof that a member may do P in one library. Only `authorize` makes one, and
 * every library-scoped service function demands one: the unchecked path does
 * not type-check.
 */
export interface LibraryAccess<P extends Permission = Permission> {
  readonly libraryId: string
  readonly userId: string
  readonly role: Role
  readonly [granted]: P
}

export async function authorize<P extends Permission>(
  repos: Pick<Repos, 'memberships'>,
  userId: string,
  libraryId: string,
  permission: P,
): Promise<LibraryAccess<P>> {
  const membership = await repos.memberships.find(libraryId, userId)
  // A non-member learns nothing, not even that the library exists.
  if (!membership) throw new DomainError('library_not_found')
  const role = roleSchema.parse(membership.role)
  if (!can(role, permission)) throw new DomainError('forbidden', { permission })
  return { libraryId, userId, role } as LibraryAccess<P>
}

/**
 * Narrows a member's access to one permission, after checking the role holds
 * it. Used by the HTTP layer once the membership is loaded.
 */
export function narrow<P extends Permission>(
  access: LibraryAccess,
  permission: P,
): LibraryAccess<P> {
  if (!can(access.role, permission)) throw new DomainError('forbidden', { permission })
  return access as LibraryAccess<P>
}

/** What the HTTP layer uses to load a member's place in a library. */
export function accessService({ store }: { store: Store }) {
  return {
    membership: (userId: string, libraryId: string) =>
      authorize(store.repos, userId, libraryId, 'library.read'),
  }
}
export type AccessService = ReturnType<typeof accessService>

import { DomainError } from '../../core/errors.js'
import { type Locale, localeSchema } from '../../core/locale.js'
import { SECTIONS, type Library, type Workspace } from '../../core/schemas/index.js'
import type { Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { auditIn, recordAudit } from './audit-service.js'
import type { CurrentUser } from './auth-service.js'
import { generationCache } from './generation-cache.js'

// How long a pending invitation may still be counted after it runs out.
const SHELL_TTL_MS = 60_000

type LibraryRow = {
  id: string
  name: string
  time_zone: string
  locale: string
  require_second_approver: number
  replies_need_approval: number
  created_at: string
}

function toLibrary(row: LibraryRow): Library {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    locale: localeSchema.catch('sv').parse(row.locale),
    requireSecondApprover: row.require_second_approver === 1,
    repliesNeedApproval: row.replies_need_approval === 1,
    createdAt: row.created_at,
  }
}

export function libraryService({ store }: { store: Store }) {
  // The shell is asked for on every page. Its library and counts change only with what bumps
  // the cache generation (settings, members, invitations), or as an invitation runs out.
  const shells = generationCache<Omit<Workspace, 'role'>>({
    ttlMs: SHELL_TTL_MS,
    maxEntries: 1000,
  })

  async function get(access: LibraryAccess<'library.read'>): Promise<Library> {
    const row = await store.repos.libraries.findById(access.libraryId)
    if (!row) throw new DomainError('library_not_found')
    return toLibrary(row)
  }

  return {
    get,

    /** Instance administrators create libraries and become their first Ansvarig. */
    async create(
      user: CurrentUser,
      input: { name: string; timeZone: string; locale: Locale },
    ): Promise<Library> {
      if (!user.isInstanceAdmin) throw new DomainError('instance_admin_required')
      const id = newId()
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        await repos.libraries.insert({
          id,
          name: input.name,
          timeZone: input.timeZone,
          locale: input.locale,
          now,
        })
        await repos.memberships.insert({ libraryId: id, userId: user.id, role: 'admin', now })
        await recordAudit(
          repos,
          { libraryId: id, actorId: user.id },
          { action: 'library.created', details: { name: input.name } },
        )
      })
      return {
        id,
        name: input.name,
        timeZone: input.timeZone,
        locale: input.locale,
        requireSecondApprover: false,
        repliesNeedApproval: false,
        createdAt: now,
      }
    },

    async update(
      access: LibraryAccess<'library.update'>,
      patch: {
        name?: string | undefined
        timeZone?: string | undefined
        locale?: Locale | undefined
        requireSecondApprover?: boolean | undefined
        repliesNeedApproval?: boolean | undefined
      },
    ): Promise<Library> {
      const before = await get(access as unknown as LibraryAccess<'library.read'>)
      // What changed, old value beside new: `requireSecondApprover: true, requireSecondApproverBefore: false`.
      const details: Record<string, string | boolean> = {}
      for (const key of [
        'name',
        'timeZone',
        'locale',
        'requireSecondApprover',
        'repliesNeedApproval',
      ] as const) {
        const value = patch[key]
        if (value === undefined || value === before[key]) continue
        details[key] = value
        details[`${key}Before`] = before[key]
      }
      await store.transaction(async (repos) => {
        await repos.libraries.update(access.libraryId, {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
          ...(patch.locale !== undefined && { locale: patch.locale }),
          ...(patch.requireSecondApprover !== undefined && {
            requireSecondApprover: patch.requireSecondApprover,
          }),
          ...(patch.repliesNeedApproval !== undefined && {
            repliesNeedApproval: patch.repliesNeedApproval,
          }),
        })
        if (Object.keys(details).length > 0)
          await auditIn(repos, access, { action: 'library.settings_changed', details })
      })
      return get(access as unknown as LibraryAccess<'library.read'>)
    },

    /** What the workspace shell shows: the library, the member's role and each section's state. */
    async workspace(access: LibraryAccess<'library.read'>): Promise<Workspace> {
      const generation = await store.repos.cacheGeneration.current()
      const shell = await shells.get(access.libraryId, generation, async () => {
        const row = await store.repos.libraries.summary(access.libraryId, new Date().toISOString())
        if (!row) return undefined
        const memberCount = Number(row.member_count)
        const built = new Set(['members', 'settings'])
        return {
          library: toLibrary(row),
          memberCount,
          pendingInvitations: Number(row.pending_invitations),
          sections: SECTIONS.map((id) => ({
            id,
            available: built.has(id),
            itemCount: id === 'members' ? memberCount : 0,
          })),
        }
      })
      if (!shell) throw new DomainError('library_not_found')
      return {
        library: shell.library,
        role: access.role,
        memberCount: shell.memberCount,
        pendingInvitations: shell.pendingInvitations,
        sections: shell.sections,
      }
    },
  }
}
export type LibraryService = ReturnType<typeof libraryService>

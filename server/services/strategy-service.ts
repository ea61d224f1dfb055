import { DomainError } from '../../core/errors.js'
import { type Clock, systemClock } from '../clock.js'
import {
  type StrategyDocument,
  type StrategyDraft,
  type StrategyOverview,
  type StrategyVersion,
  type StrategyVersionSummary,
} from '../../core/schemas/strategy.js'
import { starterStrategy } from '../../core/strategy/starter.js'
import type { Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { archivePolicyVersion } from './archive/capture-service.js'
import { auditIn } from './audit-service.js'
import { parseDocument, publicPolicyUrl, toVersionSummary } from './strategy-view.js'
import { notify } from './notification-service.js'

type ReadAccess =
  | LibraryAccess<'strategy.read'>
  | LibraryAccess<'strategy.write'>
  | LibraryAccess<'strategy.approve'>

// Two saves racing for the same new row or version number: the loser is told, not failed.
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? ''
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT')
}

/**
 * The strategy a library writes: one draft, saved often and guarded by a
 * version number so that two editors never overwrite each other; numbered
 * snapshots of it; and the approval of one snapshot, which becomes the policy.
 */
export function strategyService({
  store,
  publicUrl,
  clock = systemClock,
}: {
  store: Store
  publicUrl: string
  clock?: Clock
}) {
  async function draft(libraryId: string): Promise<StrategyDraft> {
    const row = await store.repos.strategy.findDraft(libraryId)
    if (!row) return { document: starterStrategy(), version: 0, updatedAt: null, updatedBy: null }
    return {
      document: parseDocument(row.document),
      version: row.version,
      updatedAt: row.updated_at,
      updatedBy: { id: row.updated_by, name: row.name },
    }
  }

  async function summaries(libraryId: string) {
    const current = await store.repos.strategy.currentVersion(libraryId)
    const rows = await store.repos.strategy.listVersions(libraryId)
    return rows.map((row) => toVersionSummary(row, current?.id))
  }

  return {
    async overview(access: ReadAccess): Promise<StrategyOverview> {
      const [current, link] = await Promise.all([
        store.repos.strategy.currentVersion(access.libraryId),
        store.repos.policy.findLink(access.libraryId),
      ])
      const enabled = link?.enabled === 1
      return {
        draft: await draft(access.libraryId),
        current: current ? toVersionSummary(current, current.id) : null,
        publicLink: {
          enabled,
          url: enabled && link ? publicPolicyUrl(publicUrl, link.token) : null,
        },
      }
    },

    /** Saves the draft edited at `version`; an edit of an older version is a conflict, never an overwrite. */
    async saveDraft(
      access: LibraryAccess<'strategy.write'>,
      input: { version: number; document: StrategyDocument },
    ): Promise<StrategyDraft> {
      const json = JSON.stringify(input.document)
      const now = clock.now().toISOString()
      const repo = store.repos.strategy
      if (input.version === 0) {
        try {
          await repo.insertDraft(access.libraryId, json, access.userId, now)
        } catch (error) {
          if (isUniqueViolation(error)) throw new DomainError('strategy_version_conflict')
          throw error
        }
      } else if (
        !(await repo.updateDraftIfVersion(
          access.libraryId,
          input.version,
          json,
          access.userId,
          now,
        ))
      ) {
        throw new DomainError('strategy_version_conflict')
      }
      return draft(access.libraryId)
    },

    versions: (access: ReadAccess) => summaries(access.libraryId),

    async version(access: ReadAccess, versionId: string): Promise<StrategyVersion> {
      const [row, current] = await Promise.all([
        store.repos.strategy.findVersion(access.libraryId, versionId),
        store.repos.strategy.currentVersion(access.libraryId),
      ])
      if (!row) throw new DomainError('strategy_version_not_found')
      return { ...toVersionSummary(row, current?.id), document: parseDocument(row.document) }
    },

    /**
     * Makes a numbered version of the draft as it was at `draftVersion`. A
     * draft unchanged since the last version gives that version back rather
     * than a copy of it.
     */
    async createVersion(
      access: LibraryAccess<'strategy.write'>,
      input: { draftVersion: number; note: string },
    ): Promise<StrategyVersionSummary> {
      const id = await store
        .transaction(async (repos) => {
          const saved = await repos.strategy.findDraft(access.libraryId)
          if (!saved) throw new DomainError('strategy_not_saved')
          if (saved.version !== input.draftVersion)
            throw new DomainError('strategy_version_conflict')
          const latest = await repos.strategy.latestVersion(access.libraryId)
          if (latest && latest.document === saved.document) return latest.id
          const versionId = newId()
          await repos.strategy.insertVersion({
            id: versionId,
            library_id: access.libraryId,
            number: (latest?.number ?? 0) + 1,
            document: saved.document,
            note: input.note,
            created_by: access.userId,
            created_at: clock.now().toISOString(),
            approved_by: null,
            approved_at: null,
          })
          return versionId
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new DomainError('strategy_version_conflict')
          throw error
        })
      return (await summaries(access.libraryId)).find((v) => v.id === id)!
    },

    /**
     * Approves a version: it becomes the policy every member reads and the
     * rules every draft is checked against. Approving an older version again
     * goes back to it.
     */
    async approve(
      access: LibraryAccess<'strategy.approve'>,
      versionId: string,
    ): Promise<StrategyVersionSummary> {
      const row = await store.repos.strategy.findVersion(access.libraryId, versionId)
      if (!row) throw new DomainError('strategy_version_not_found')
      await store.transaction(async (repos) => {
        const now = clock.now().toISOString()
        await repos.strategy.approveVersion(access.libraryId, versionId, access.userId, now)
        await archivePolicyVersion(repos, access.libraryId, versionId, now)
        // Each member confirms the policy in force on their path: a new version asks them again.
        const members = await repos.memberships.listForLibrary(access.libraryId)
        await notify(repos, {
          libraryId: access.libraryId,
          postId: null,
          actorId: access.userId,
          kind: 'policy_approved',
          excerpt: row.note.slice(0, 140),
          userIds: members.map((m) => m.userId),
          at: now,
        })
        await auditIn(repos, access, {
          action: 'policy.approved',
          target: { type: 'strategy_version', id: versionId, label: `v${row.number}` },
        })
      })
      return (await summaries(access.libraryId)).find((v) => v.id === versionId)!
    },
  }
}
export type StrategyService = ReturnType<typeof strategyService>

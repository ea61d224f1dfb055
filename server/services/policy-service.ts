import { DomainError } from '../../core/errors.js'
import { type Clock, systemClock } from '../clock.js'
import { localeSchema } from '../../core/locale.js'
import type {
  PolicyReader,
  PolicyView,
  PublicLink,
  PublicPolicy,
} from '../../core/schemas/strategy.js'
import { type PolicyMeta, policyMarkdown } from '../../core/strategy/policy-outline.js'
import type { Store } from '../repos/index.js'
import { newToken } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { auditIn } from './audit-service.js'
import { parseDocument, publicPolicyUrl, toVersionSummary } from './strategy-view.js'
import { fileSlug } from './file-names.js'

export interface PolicyFile {
  filename: string
  contentType: string
  body: Uint8Array
}

/**
 * The policy: the approved version of the strategy, as members read it,
 * confirm it, download it, and (when the Ansvarig turns it on) as anyone can
 * read it at a public link.
 */
export function policyService({
  store,
  publicUrl,
  clock = systemClock,
}: {
  store: Store
  publicUrl: string
  clock?: Clock
}) {
  async function approved(libraryId: string) {
    const [row, library] = await Promise.all([
      store.repos.strategy.currentVersion(libraryId),
      store.repos.libraries.findById(libraryId),
    ])
    if (!library) throw new DomainError('library_not_found')
    if (!row) return undefined
    return {
      row,
      summary: toVersionSummary(row, row.id),
      document: parseDocument(row.document),
      libraryName: library.name,
      locale: localeSchema.catch('sv').parse(library.locale),
    }
  }

  async function requireApproved(libraryId: string) {
    const policy = await approved(libraryId)
    if (!policy) throw new DomainError('policy_not_approved')
    return policy
  }

  async function exported(access: LibraryAccess<'strategy.read'>) {
    const policy = await requireApproved(access.libraryId)
    const meta: PolicyMeta = {
      libraryName: policy.libraryName,
      versionNumber: policy.summary.number,
      approvedAt: policy.summary.approvedAt!,
      approvedBy: policy.summary.approvedBy?.name,
    }
    const slug = fileSlug(policy.libraryName)
    return { ...policy, meta, basename: `policy-${slug}-v${policy.summary.number}` }
  }

  return {
    /** The policy in force with when this member confirmed it; null before any approval. */
    async view(access: LibraryAccess<'strategy.read'>): Promise<PolicyView | null> {
      const policy = await approved(access.libraryId)
      if (!policy) return null
      return {
        libraryName: policy.libraryName,
        locale: policy.locale,
        version: policy.summary,
        document: policy.document,
        readAt: await store.repos.policy.readAt(access.libraryId, policy.row.id, access.userId),
      }
    },

    /** "Read and understood", for the version the member saw; an older one is refused. */
    async confirmRead(
      access: LibraryAccess<'strategy.read'>,
      versionId: string,
    ): Promise<{ readAt: string }> {
      const current = await store.repos.strategy.currentVersion(access.libraryId)
      if (!current) throw new DomainError('policy_not_approved')
      if (current.id !== versionId) throw new DomainError('policy_outdated')
      await store.repos.policy.recordRead(
        access.libraryId,
        versionId,
        access.userId,
        clock.now().toISOString(),
      )
      return {
        readAt: (await store.repos.policy.readAt(access.libraryId, versionId, access.userId))!,
      }
    },

    /** Every member and whether they have confirmed the version in force. */
    async readers(access: LibraryAccess<'strategy.approve'>): Promise<PolicyReader[]> {
      const current = await store.repos.strategy.currentVersion(access.libraryId)
      if (!current) throw new DomainError('policy_not_approved')
      const rows = await store.repos.policy.readers(access.libraryId, current.id)
      return rows.map((r) => ({ userId: r.user_id, name: r.name, role: r.role, readAt: r.read_at }))
    },

    async setPublic(
      access: LibraryAccess<'strategy.approve'>,
      enabled: boolean,
    ): Promise<PublicLink> {
      const existing = await store.repos.policy.findLink(access.libraryId)
      // Turning the page off withdraws its address for good: whoever kept the old link
      // (a page since taken down, a forwarded e-mail) must not see it come back.
      const token = existing?.enabled === 1 ? existing.token : newToken()
      await store.transaction(async (repos) => {
        await repos.policy.upsertLink(access.libraryId, token, enabled, clock.now().toISOString())
        if ((existing?.enabled === 1) !== enabled)
          await auditIn(repos, access, {
            action: enabled ? 'policy.public_link_enabled' : 'policy.public_link_disabled',
          })
      })
      return { enabled, url: enabled ? publicPolicyUrl(publicUrl, token) : null }
    },

    /** For a signed-out visitor: the policy text, and nothing about who wrote, approved or read it. */
    async publicPolicy(token: string): Promise<PublicPolicy> {
      const link = await store.repos.policy.findEnabledLink(token)
      if (!link) throw new DomainError('public_policy_not_found')
      const policy = await approved(link.library_id)
      if (!policy) throw new DomainError('public_policy_not_found')
      return {
        libraryName: policy.libraryName,
        locale: policy.locale,
        versionNumber: policy.summary.number,
        approvedAt: policy.summary.approvedAt!,
        document: policy.document,
      }
    },

    async markdown(access: LibraryAccess<'strategy.read'>): Promise<PolicyFile> {
      const policy = await exported(access)
      await auditIn(store.repos, access, {
        action: 'export.policy_markdown',
        target: { type: 'strategy_version', id: policy.row.id, label: `v${policy.summary.number}` },
      })
      return {
        filename: `${policy.basename}.md`,
        contentType: 'text/markdown; charset=utf-8',
        body: new TextEncoder().encode(policyMarkdown(policy.document, policy.meta, policy.locale)),
      }
    },

    async pdf(access: LibraryAccess<'strategy.read'>): Promise<PolicyFile> {
      const policy = await exported(access)
      // pdfkit and its fonts load on the first export, not at start.
      const { renderPolicyPdf } = await import('../documents/policy-pdf.js')
      const body = await renderPolicyPdf(policy.document, policy.meta, policy.locale)
      await auditIn(store.repos, access, {
        action: 'export.policy_pdf',
        target: { type: 'strategy_version', id: policy.row.id, label: `v${policy.summary.number}` },
      })
      return { filename: `${policy.basename}.pdf`, contentType: 'application/pdf', body }
    },
  }
}
export type PolicyService = ReturnType<typeof policyService>

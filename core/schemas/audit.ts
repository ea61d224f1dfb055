import { z } from 'zod'
import { idSchema } from './common.js'
import { localDateSchema } from './calendar.js'

/**
 * What the audit log records: who changed who may do what, where the library
 * speaks, what it promises in public, and what left the building as a file.
 * Codes are stable; the UI and the CSV name them in words.
 */
export const AUDIT_ACTIONS = [
  'member.role_changed',
  'member.removed',
  'member.left',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'channel.connected',
  'channel.reconnected',
  'channel.removed',
  'library.created',
  'library.settings_changed',
  'policy.approved',
  'policy.public_link_enabled',
  'policy.public_link_disabled',
  'export.calendar_csv',
  'export.policy_pdf',
  'export.policy_markdown',
  'export.audit_csv',
  'export.archive_package',
  'export.archive_release',
  'export.personal_data',
  'archive.weeding_decided',
  'archive.hold_placed',
  'archive.hold_lifted',
  'archive.personal_data_erased',
  'report.recipient_added',
  'report.recipient_removed',
  'stats.comparison_joined',
  'stats.comparison_left',
  'ladder.person_opened',
  'ladder.lead_set',
  'ladder.lead_unset',
  'ladder.rules_changed',
  'instance.admin_created',
  'instance.admin_promoted',
  'instance.key_rotated',
] as const
export const auditActionSchema = z.enum(AUDIT_ACTIONS)
export type AuditAction = z.infer<typeof auditActionSchema>

export const AUDIT_ACTION_LABELS: Record<AuditAction, { sv: string; en: string }> = {
  'member.role_changed': { sv: 'Roll ändrad', en: 'Role changed' },
  'member.removed': { sv: 'Medlem borttagen', en: 'Member removed' },
  'member.left': { sv: 'Lämnade biblioteket', en: 'Left the library' },
  'invitation.created': { sv: 'Inbjudan skapad', en: 'Invitation created' },
  'invitation.revoked': { sv: 'Inbjudan återkallad', en: 'Invitation revoked' },
  'invitation.accepted': { sv: 'Inbjudan antagen', en: 'Invitation accepted' },
  'channel.connected': { sv: 'Kanal ansluten', en: 'Channel connected' },
  'channel.reconnected': { sv: 'Kanal ansluten igen', en: 'Channel reconnected' },
  'channel.removed': { sv: 'Kanal borttagen', en: 'Channel removed' },
  'library.created': { sv: 'Bibliotek skapat', en: 'Library created' },
  'library.settings_changed': { sv: 'Inställningar ändrade', en: 'Settings changed' },
  'policy.approved': { sv: 'Policy godkänd', en: 'Policy approved' },
  'policy.public_link_enabled': {
    sv: 'Offentlig policylänk på',
    en: 'Public policy link on',
  },
  'policy.public_link_disabled': {
    sv: 'Offentlig policylänk av',
    en: 'Public policy link off',
  },
  'export.calendar_csv': { sv: 'Publiceringsplan exporterad (CSV)', en: 'Plan exported (CSV)' },
  'export.policy_pdf': { sv: 'Policy hämtad (PDF)', en: 'Policy downloaded (PDF)' },
  'export.policy_markdown': {
    sv: 'Policy hämtad (Markdown)',
    en: 'Policy downloaded (Markdown)',
  },
  'export.audit_csv': { sv: 'Granskningslogg exporterad', en: 'Audit log exported' },
  'export.archive_package': {
    sv: 'Arkivpaket exporterat (leveranspaket)',
    en: 'Archive package exported (delivery package)',
  },
  'export.archive_release': {
    sv: 'Allmänna handlingar utlämnade',
    en: 'Public records released',
  },
  'export.personal_data': {
    sv: 'Registerutdrag hämtat',
    en: 'Personal data extract taken',
  },
  'archive.weeding_decided': {
    sv: 'Gallringsbeslut verkställt',
    en: 'Weeding decision carried out',
  },
  'archive.hold_placed': { sv: 'Gallringsspärr lagd', en: 'Legal hold placed' },
  'archive.hold_lifted': { sv: 'Gallringsspärr hävd', en: 'Legal hold lifted' },
  'archive.personal_data_erased': {
    sv: 'Personuppgifter raderade (pseudonymiserade)',
    en: 'Personal data erased (pseudonymised)',
  },
  'report.recipient_added': {
    sv: 'Mottagare av månadsrapporten tillagd',
    en: 'Monthly report recipient added',
  },
  'report.recipient_removed': {
    sv: 'Mottagare av månadsrapporten borttagen',
    en: 'Monthly report recipient removed',
  },
  'stats.comparison_joined': {
    sv: 'Med i jämförelsen mellan bibliotek',
    en: 'Joined the comparison between libraries',
  },
  'stats.comparison_left': {
    sv: 'Lämnade jämförelsen mellan bibliotek',
    en: 'Left the comparison between libraries',
  },
  'ladder.person_opened': {
    sv: 'Person i Stegen öppnad',
    en: 'Person on the ladder opened',
  },
  'ladder.lead_set': { sv: 'Markerad att leda (Stegen)', en: 'Marked as leading (ladder)' },
  'ladder.lead_unset': {
    sv: 'Inte längre markerad att leda (Stegen)',
    en: 'No longer marked as leading (ladder)',
  },
  'ladder.rules_changed': { sv: 'Stegens regler ändrade', en: 'Ladder rules changed' },
  'instance.admin_created': { sv: 'Administratör skapad', en: 'Administrator created' },
  'instance.admin_promoted': {
    sv: 'Administratörsbehörighet given',
    en: 'Made an administrator',
  },
  'instance.key_rotated': { sv: 'Krypteringsnyckel bytt', en: 'Encryption key rotated' },
}

/** Small facts about an entry; never a secret, never a whole text. */
export const auditDetailsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
)
export type AuditDetails = z.infer<typeof auditDetailsSchema>

export const auditEntrySchema = z
  .object({
    id: idSchema,
    at: z.string().meta({ description: 'When (UTC)' }),
    libraryId: idSchema.nullable().meta({ description: 'Null in the instance log' }),
    actor: z.object({
      id: idSchema.nullable().meta({ description: 'Null for the command line' }),
      name: z.string().nullable().meta({ description: 'The name at the time' }),
    }),
    action: auditActionSchema,
    target: z.object({ type: z.string(), id: z.string(), label: z.string().nullable() }).nullable(),
    details: auditDetailsSchema,
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditQuerySchema = z.object({
  from: localDateSchema.optional().meta({ description: 'First day (included)' }),
  to: localDateSchema.optional().meta({ description: 'Last day (included)' }),
  action: auditActionSchema.optional(),
  before: z
    .string()
    .max(200)
    .regex(/^[^|]+\|[^|]+$/, 'the `next` of a page')
    .optional()
    .meta({ description: 'The `next` of the previous page: entries older than it' }),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  next: z.string().nullable().meta({ description: 'Pass as `before` for older entries' }),
})
export type AuditPage = z.infer<typeof auditPageSchema>

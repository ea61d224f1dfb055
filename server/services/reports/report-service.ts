import { DomainError } from '../../../core/errors.js'
import type { ReportRecipient, ReportSettings } from '../../../core/schemas/reports.js'
import { lastDay, monthOf, previousMonth } from '../../../core/stats/months.js'
import { reportOutline } from '../../../core/stats/report-outline.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import type { Clock } from '../../clock.js'
import type { Logger } from '../../logger.js'
import type { Store } from '../../repos/index.js'
import { INSTANCE_SCOPE } from '../../repos/reports-repo.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import { recordAudit } from '../audit-service.js'
import type { CurrentUser } from '../auth-service.js'
import { type EmailOutbox, type EmailReceipts, monthlyReportEmail } from '../emails.js'
import { assertBegun, monthsAt } from './compare-service.js'
import type { ReportBuilder, ReportFile, ReportFormat } from './report-builder.js'

type RecipientRow = Awaited<ReturnType<Store['repos']['reports']['listRecipients']>>[number]

const INSTANCE_TIME_ZONE = 'Europe/Stockholm'
// Reports go out in the first week of a month, from 07:00 on the library's clock: a worker that was
// down on the 1st still sends, and a recipient added later in the month waits for the next one.
const LAST_SENDING_DAY = 7
const SENDING_FROM = '07:00'

function toRecipient(row: RecipientRow): ReportRecipient {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: row.created_at,
    lastSentAt: row.last_sent_at,
    bouncedAt: row.bounced_at,
    bounceReason: row.bounce_reason,
  }
}

const receiptOf = (scope: string, month: string, recipientId: string) =>
  `report:${scope}:${month}:${recipientId}`

/** Who the report is for, where it comes from, and who may decide over either. */
type Who = { scope: string; libraryId: string | null; actorId: string }

/**
 * The monthly report: its recipients (per library, and for the installation),
 * the file on demand, a test to oneself, and the month's sending, once per
 * scope and month however often the job runs.
 */
export function reportService(deps: {
  store: Store
  builder: ReportBuilder
  emails: EmailOutbox
  emailAvailable: boolean
  clock: Clock
  logger: Logger
}) {
  const { store, builder, emails, clock, logger } = deps
  const repos = store.repos

  const build = (scope: string, month: string) =>
    scope === INSTANCE_SCOPE ? builder.forInstance(month) : builder.forLibrary(scope, month)

  async function timeZoneOf(scope: string): Promise<string> {
    if (scope === INSTANCE_SCOPE) return INSTANCE_TIME_ZONE
    return (await repos.libraries.findById(scope))?.time_zone ?? INSTANCE_TIME_ZONE
  }

  async function settings(scope: string): Promise<ReportSettings> {
    const [rows, last, timeZone] = await Promise.all([
      repos.reports.listRecipients(scope),
      repos.reports.lastRun(scope),
      timeZoneOf(scope),
    ])
    return {
      recipients: rows.map(toRecipient),
      emailAvailable: deps.emailAvailable,
      lastSent: last ? { month: last.month, at: last.created_at } : null,
      latestMonth: monthsAt(clock.now(), timeZone).latest,
    }
  }

  async function addRecipient(who: Who, input: { email: string; name: string }) {
    const row = {
      id: newId(),
      scope: who.scope,
      library_id: who.libraryId,
      email: input.email,
      name: input.name,
      created_by: who.actorId,
      created_at: clock.now().toISOString(),
      last_sent_at: null,
      bounced_at: null,
      bounce_reason: null,
    }
    await store.transaction(async (tx) => {
      if (!(await tx.reports.insertRecipient(row))) throw new DomainError('report_recipient_exists')
      await recordAudit(
        tx,
        { libraryId: who.libraryId, actorId: who.actorId },
        {
          action: 'report.recipient_added',
          target: { type: 'report_recipient', id: row.id, label: row.email },
        },
      )
    })
    return toRecipient(row)
  }

  async function removeRecipient(who: Who, id: string) {
    await store.transaction(async (tx) => {
      const row = await tx.reports.findRecipient(who.scope, id)
      if (!row || !(await tx.reports.deleteRecipient(who.scope, id)))
        throw new DomainError('report_recipient_not_found')
      await recordAudit(
        tx,
        { libraryId: who.libraryId, actorId: who.actorId },
        {
          action: 'report.recipient_removed',
          target: { type: 'report_recipient', id, label: row.email },
        },
      )
    })
  }

  /** Sends to a refused address again from the next report on. */
  async function clearBounce(scope: string, id: string) {
    if (!(await repos.reports.clearBounce(scope, id)))
      throw new DomainError('report_recipient_not_found')
    const row = await repos.reports.findRecipient(scope, id)
    return toRecipient(row!)
  }

  async function file(scope: string, month: string | undefined, format: ReportFormat) {
    const timeZone = await timeZoneOf(scope)
    const chosen = month ?? monthsAt(clock.now(), timeZone).latest
    assertBegun(chosen, clock.now(), timeZone)
    return builder.render(await build(scope, chosen), format)
  }

  async function sendTest(scope: string, userId: string, month: string | undefined) {
    if (!deps.emailAvailable) throw new DomainError('email_not_configured')
    const user = await repos.users.findById(userId)
    if (!user) throw new DomainError('unauthenticated')
    const timeZone = await timeZoneOf(scope)
    const chosen = month ?? monthsAt(clock.now(), timeZone).latest
    assertBegun(chosen, clock.now(), timeZone)
    const report = await build(scope, chosen)
    const pdf = await builder.render(report, 'pdf')
    // One a minute: a second click while the first is on its way sends nothing more.
    const minute = clock.now().toISOString().slice(0, 16)
    await emails(
      monthlyReportEmail({
        to: user.email,
        locale: report.data.locale,
        name: report.data.name,
        outline: reportOutline(report.data),
        pdf: { filename: pdf.filename, content: pdf.body },
        test: true,
      }),
      `report-test:${scope}:${user.id}:${chosen}:${minute}`,
    )
    return { to: user.email, month: chosen }
  }

  function requireInstanceAdmin(user: CurrentUser) {
    if (!user.isInstanceAdmin) throw new DomainError('instance_report_forbidden')
  }

  const library = (access: LibraryAccess): Who => ({
    scope: access.libraryId,
    libraryId: access.libraryId,
    actorId: access.userId,
  })
  const instance = (user: CurrentUser): Who => {
    requireInstanceAdmin(user)
    return { scope: INSTANCE_SCOPE, libraryId: null, actorId: user.id }
  }

  const receipts: EmailReceipts = {
    async sent(receipt) {
      const [kind, scope, month, id] = receipt.split(':')
      if (kind !== 'report' || !scope || !month || !id) return
      const at = clock.now().toISOString()
      await repos.reports.settleDelivery(scope, month, id, { state: 'sent', reason: null, at })
      await repos.reports.markSent(scope, id, at)
    },
    async refused(receipt, to, response) {
      const [kind, scope, month, id] = receipt.split(':')
      if (kind !== 'report' || !scope || !month || !id) return
      const at = clock.now().toISOString()
      logger.warn({ scope, month, response }, 'a report recipient was refused by the mail server')
      await repos.reports.settleDelivery(scope, month, id, {
        state: 'refused',
        reason: response,
        at,
      })
      await repos.reports.markBounced(scope, id, at, response)
    },
  }

  return {
    receipts,

    settings: async (access: LibraryAccess<'reports.manage'>) => settings(access.libraryId),
    addRecipient: (
      access: LibraryAccess<'reports.manage'>,
      input: { email: string; name: string },
    ) => addRecipient(library(access), input),
    removeRecipient: (access: LibraryAccess<'reports.manage'>, id: string) =>
      removeRecipient(library(access), id),
    clearBounce: (access: LibraryAccess<'reports.manage'>, id: string) =>
      clearBounce(access.libraryId, id),
    file: (
      access: LibraryAccess<'reports.read'>,
      month: string | undefined,
      format: ReportFormat,
    ): Promise<ReportFile> => file(access.libraryId, month, format),
    sendTest: (access: LibraryAccess<'reports.manage'>, month?: string) =>
      sendTest(access.libraryId, access.userId, month),

    instanceSettings: async (user: CurrentUser) => settings(instance(user).scope),
    addInstanceRecipient: (user: CurrentUser, input: { email: string; name: string }) =>
      addRecipient(instance(user), input),
    removeInstanceRecipient: (user: CurrentUser, id: string) => removeRecipient(instance(user), id),
    clearInstanceBounce: (user: CurrentUser, id: string) => clearBounce(instance(user).scope, id),
    instanceFile: (user: CurrentUser, month: string | undefined, format: ReportFormat) =>
      file(instance(user).scope, month, format),
    sendInstanceTest: (user: CurrentUser, month?: string) =>
      sendTest(instance(user).scope, user.id, month),

    /** The reports whose month has come on their scope's clock and that have not been sent. */
    async due(now: Date): Promise<{ scope: string; month: string }[]> {
      const due: { scope: string; month: string }[] = []
      for (const s of await repos.reports.scopesWithRecipients()) {
        const timeZone = s.time_zone ?? INSTANCE_TIME_ZONE
        const local = utcToZoned(now, timeZone)
        if (Number(local.date.slice(8)) > LAST_SENDING_DAY || local.time < SENDING_FROM) continue
        const month = previousMonth(monthOf(local.date))
        // A library that did not exist that month has nothing to report on it.
        if (s.created_at && utcToZoned(s.created_at, timeZone).date > lastDay(month)) continue
        if (await repos.reports.findRun(s.scope, month)) continue
        due.push({ scope: s.scope, month })
      }
      return due
    },

    /**
     * Sends a scope's report for a month to each recipient the mail server has
     * not refused. The run is written last: a run cut short is done again, and
     * each recipient's mail is keyed, so nobody gets it twice.
     */
    async send(scope: string, month: string): Promise<number> {
      if (await repos.reports.findRun(scope, month)) return 0
      const recipients = (await repos.reports.listRecipients(scope)).filter((r) => !r.bounced_at)
      if (recipients.length === 0) return 0
      const report = await build(scope, month)
      if (report.data.libraries === 0) return 0
      const pdf = await builder.render(report, 'pdf')
      const outline = reportOutline(report.data)
      for (const r of recipients) {
        if (await repos.reports.findDelivery(scope, month, r.id)) continue
        const receipt = receiptOf(scope, month, r.id)
        await emails(
          monthlyReportEmail({
            to: r.email,
            locale: report.data.locale,
            name: report.data.name,
            outline,
            pdf: { filename: pdf.filename, content: pdf.body },
            test: false,
            receipt,
          }),
          receipt,
        )
        await repos.reports.insertDelivery({
          scope,
          month,
          recipient_id: r.id,
          email: r.email,
          state: 'queued',
          reason: null,
          queued_at: clock.now().toISOString(),
          settled_at: null,
        })
      }
      await repos.reports.insertRun({
        scope,
        month,
        library_id: scope === INSTANCE_SCOPE ? null : scope,
        recipients: recipients.length,
        created_at: clock.now().toISOString(),
      })
      return recipients.length
    },
  }
}
export type ReportService = ReturnType<typeof reportService>

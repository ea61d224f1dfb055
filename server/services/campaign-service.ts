import type { z } from 'zod'
import { DomainError } from '../../core/errors.js'
import {
  DEFAULT_PLAN_SLOTS,
  fillStarterText,
  slotInstant,
  type PlanTemplateSlot,
} from '../../core/planning/peak-plan.js'
import type {
  applyPlanSchema,
  Campaign,
  CampaignDetail,
  CampaignProgress,
  createCampaignSchema,
  PlanTemplate,
  savePlanTemplateSchema,
  updateCampaignSchema,
} from '../../core/schemas/campaign.js'
import { planTemplateSlotSchema } from '../../core/schemas/campaign.js'
import { utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import type { CampaignRow } from '../repos/campaigns-repo.js'
import type { Store } from '../repos/index.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import type { GuidelinePolicySource } from './guideline-policy.js'
import { assertLibraryChannels, assertMembers, insertPlannedDraft } from './planned-drafts.js'
import { assemblePosts } from './post-view.js'

type ReadAccess = LibraryAccess<'campaigns.read'> | LibraryAccess<'campaigns.manage'>
type CreateInput = z.output<typeof createCampaignSchema>
type UpdateInput = z.output<typeof updateCampaignSchema>
type ApplyPlanInput = z.output<typeof applyPlanSchema>
type TemplateInput = z.output<typeof savePlanTemplateSchema>

const APPROVED_OR_LATER = ['approved', 'scheduled', 'published']

type EventColumns = {
  event_summary: string | null
  event_starts_at: string | null
  event_status: string | null
}

export function progressOf(
  posts: readonly { state: string; text: string; starter_text: string | null }[],
): CampaignProgress {
  const count = (test: (p: (typeof posts)[number]) => boolean) => posts.filter(test).length
  return {
    slots: posts.length,
    filled: count((p) => p.text.trim() !== '' && p.text.trim() !== p.starter_text?.trim()),
    approved: count((p) => APPROVED_OR_LATER.includes(p.state)),
    scheduled: count((p) => p.state === 'scheduled'),
    published: count((p) => p.state === 'published'),
    failed: count((p) => p.state === 'failed'),
  }
}

function toCampaign(
  row: CampaignRow & EventColumns,
  timeZone: string,
  progress: CampaignProgress,
): Campaign {
  const peak = utcToZoned(row.peak_at, timeZone)
  return {
    id: row.id,
    name: row.name,
    goal: row.goal,
    audience: row.audience,
    channelIds: JSON.parse(row.channel_ids) as string[],
    peakAt: row.peak_at,
    peakDate: peak.date,
    peakTime: peak.time,
    event:
      row.event_id && row.event_summary !== null
        ? {
            id: row.event_id,
            summary: row.event_summary,
            startsAt: row.event_starts_at!,
            status: row.event_status as 'confirmed' | 'tentative' | 'cancelled',
          }
        : null,
    progress,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toTemplate(row: { id: string; name: string; slots: string; updated_at: string }) {
  return {
    id: row.id,
    name: row.name,
    slots: planTemplateSlotSchema.array().parse(JSON.parse(row.slots)),
    updatedAt: row.updated_at,
  }
}

/** "14 mars": how the starter texts name the peak day. */
function peakDay(date: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`))
}

export function campaignService({
  store,
  guidelines,
}: {
  store: Store
  guidelines: GuidelinePolicySource
}) {
  async function timeZoneOf(libraryId: string): Promise<string> {
    const library = await store.repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    return library.time_zone
  }

  async function assertAudience(libraryId: string, audience: string | null | undefined) {
    if (!audience) return
    const { policy } = await guidelines.current(libraryId)
    if (!policy.audiences.some((a) => a.id === audience)) throw new DomainError('audience_unknown')
  }

  function peakOf(date: string, time: string, timeZone: string): string {
    const peak = zonedToUtc(date, time, timeZone)
    if (peak.getTime() < Date.now()) throw new DomainError('campaign_peak_past')
    return peak.toISOString()
  }

  async function detail(libraryId: string, campaignId: string): Promise<CampaignDetail> {
    const [row, timeZone] = await Promise.all([
      store.repos.campaigns.find(libraryId, campaignId),
      timeZoneOf(libraryId),
    ])
    if (!row) throw new DomainError('campaign_not_found')
    const [postRows, slotRows] = await Promise.all([
      store.repos.campaigns.posts(libraryId, campaignId),
      store.repos.campaigns.slots(libraryId, campaignId),
    ])
    const slotOf = new Map(slotRows.map((s) => [s.post_id, s]))
    const posts = await assemblePosts(store.repos, libraryId, postRows)
    return {
      ...toCampaign(
        row,
        timeZone,
        progressOf(
          postRows.map((p) => ({ ...p, starter_text: slotOf.get(p.id)?.starter_text ?? null })),
        ),
      ),
      posts,
      slots: posts.flatMap((p) => {
        const slot = slotOf.get(p.id)
        return slot
          ? [
              {
                postId: p.id,
                offsetDays: slot.offset_days,
                time: slot.time,
                purpose: slot.purpose as PlanTemplateSlot['purpose'],
              },
            ]
          : []
      }),
    }
  }

  async function assertEvent(libraryId: string, eventId: string | null | undefined) {
    if (eventId && !(await store.repos.events.find(libraryId, eventId)))
      throw new DomainError('event_not_found')
  }

  return {
    async list(access: ReadAccess): Promise<Campaign[]> {
      const [rows, timeZone] = await Promise.all([
        store.repos.campaigns.list(access.libraryId),
        timeZoneOf(access.libraryId),
      ])
      const states = await store.repos.campaigns.postStates(
        access.libraryId,
        rows.map((r) => r.id),
      )
      const byCampaign = Map.groupBy(states, (s) => s.campaign_id)
      return rows.map((row) => toCampaign(row, timeZone, progressOf(byCampaign.get(row.id) ?? [])))
    },

    get: (access: ReadAccess, campaignId: string) => detail(access.libraryId, campaignId),

    async create(
      access: LibraryAccess<'campaigns.manage'>,
      input: CreateInput,
    ): Promise<CampaignDetail> {
      const peakAt = peakOf(input.peakDate, input.peakTime, await timeZoneOf(access.libraryId))
      await assertAudience(access.libraryId, input.audience)
      await assertLibraryChannels(store.repos, access.libraryId, input.channelIds)
      await assertEvent(access.libraryId, input.eventId)
      const id = newId()
      const now = new Date().toISOString()
      await store.repos.campaigns.insert({
        id,
        library_id: access.libraryId,
        name: input.name,
        goal: input.goal,
        audience: input.audience,
        channel_ids: JSON.stringify([...new Set(input.channelIds)]),
        peak_at: peakAt,
        event_id: input.eventId,
        created_by: access.userId,
        created_at: now,
        updated_at: now,
      })
      return detail(access.libraryId, id)
    },

    async update(
      access: LibraryAccess<'campaigns.manage'>,
      campaignId: string,
      patch: UpdateInput,
    ): Promise<CampaignDetail> {
      const row = await store.repos.campaigns.find(access.libraryId, campaignId)
      if (!row) throw new DomainError('campaign_not_found')
      const timeZone = await timeZoneOf(access.libraryId)
      const current = utcToZoned(row.peak_at, timeZone)
      const date = patch.peakDate ?? current.date
      const time = patch.peakTime ?? current.time
      // A campaign whose peak has passed can still be renamed; only a new peak must lie ahead.
      const movesPeak = date !== current.date || time !== current.time
      await assertAudience(access.libraryId, patch.audience)
      if (patch.channelIds)
        await assertLibraryChannels(store.repos, access.libraryId, patch.channelIds)
      await assertEvent(access.libraryId, patch.eventId)
      await store.repos.campaigns.update(access.libraryId, campaignId, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.goal !== undefined && { goal: patch.goal }),
        ...(patch.audience !== undefined && { audience: patch.audience }),
        ...(patch.channelIds !== undefined && {
          channel_ids: JSON.stringify([...new Set(patch.channelIds)]),
        }),
        ...(movesPeak && { peak_at: peakOf(date, time, timeZone) }),
        ...(patch.eventId !== undefined && { event_id: patch.eventId }),
        updated_at: new Date().toISOString(),
      })
      return detail(access.libraryId, campaignId)
    },

    /**
     * Deletes the campaign but keeps its posts: a draft someone is writing or
     * a post already published is the library's work, not the campaign's.
     */
    async remove(access: LibraryAccess<'campaigns.manage'>, campaignId: string): Promise<void> {
      const now = new Date().toISOString()
      const removed = await store.transaction((repos) =>
        repos.campaigns.delete(access.libraryId, campaignId, now),
      )
      if (!removed) throw new DomainError('campaign_not_found')
    },

    /**
     * Makes a draft of each slot, planned at its time in the library's zone,
     * owned by the slot's member or, for slots without one, by the next in
     * `rotation`. All or nothing.
     */
    async applyPlan(
      access: LibraryAccess<'campaigns.manage'>,
      campaignId: string,
      input: ApplyPlanInput,
    ): Promise<CampaignDetail> {
      const timeZone = await timeZoneOf(access.libraryId)
      const now = new Date().toISOString()
      await store.transaction(async (repos) => {
        const campaign = await repos.campaigns.find(access.libraryId, campaignId)
        if (!campaign) throw new DomainError('campaign_not_found')
        await assertLibraryChannels(
          repos,
          access.libraryId,
          input.slots.flatMap((s) => s.channelIds),
        )
        await assertMembers(repos, access.libraryId, [
          ...input.slots.map((s) => s.assigneeId),
          ...input.rotation,
        ])
        const peak = utcToZoned(campaign.peak_at, timeZone)
        const values = { campaign: campaign.name, peakDay: peakDay(peak.date) }
        let turn = 0
        for (const slot of input.slots) {
          const assigneeId =
            slot.assigneeId ??
            (input.rotation.length > 0 ? input.rotation[turn++ % input.rotation.length]! : null)
          const text = fillStarterText(slot.text, values)
          const postId = await insertPlannedDraft(repos, {
            libraryId: access.libraryId,
            authorId: access.userId,
            actorId: access.userId,
            text,
            channelIds: slot.channelIds,
            plannedAt: slotInstant(peak.date, slot, timeZone).toISOString(),
            assigneeId,
            audience: campaign.audience,
            campaignId,
            now,
          })
          await repos.campaigns.insertSlot({
            post_id: postId,
            library_id: access.libraryId,
            campaign_id: campaignId,
            offset_days: slot.offsetDays,
            time: slot.time,
            purpose: slot.purpose,
            starter_text: text,
            created_at: now,
          })
        }
      })
      return detail(access.libraryId, campaignId)
    },

    /** Torget's own plan first (id null), then the library's saved templates. */
    async templates(access: ReadAccess): Promise<PlanTemplate[]> {
      const rows = await store.repos.campaigns.templates(access.libraryId)
      return [
        { id: null, name: '', slots: DEFAULT_PLAN_SLOTS.map((s) => ({ ...s })), updatedAt: null },
        ...rows.map(toTemplate),
      ]
    },

    async saveTemplate(
      access: LibraryAccess<'campaigns.manage'>,
      input: TemplateInput,
    ): Promise<PlanTemplate> {
      const id = newId()
      const now = new Date().toISOString()
      await store.repos.campaigns.insertTemplate({
        id,
        library_id: access.libraryId,
        name: input.name,
        slots: JSON.stringify(input.slots),
        created_by: access.userId,
        created_at: now,
        updated_at: now,
      })
      return toTemplate({
        id,
        name: input.name,
        slots: JSON.stringify(input.slots),
        updated_at: now,
      })
    },

    async updateTemplate(
      access: LibraryAccess<'campaigns.manage'>,
      templateId: string,
      input: TemplateInput,
    ): Promise<PlanTemplate> {
      const now = new Date().toISOString()
      const slots = JSON.stringify(input.slots)
      if (
        !(await store.repos.campaigns.updateTemplate(access.libraryId, templateId, {
          name: input.name,
          slots,
          updated_at: now,
        }))
      )
        throw new DomainError('plan_template_not_found')
      return toTemplate({ id: templateId, name: input.name, slots, updated_at: now })
    },

    async removeTemplate(
      access: LibraryAccess<'campaigns.manage'>,
      templateId: string,
    ): Promise<void> {
      if (!(await store.repos.campaigns.deleteTemplate(access.libraryId, templateId)))
        throw new DomainError('plan_template_not_found')
    },
  }
}
export type CampaignService = ReturnType<typeof campaignService>

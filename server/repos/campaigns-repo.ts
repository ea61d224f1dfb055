import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { CampaignSlotsTable, CampaignsTable } from '../db/schema/campaigns.js'
import type { PlanTemplatesTable } from '../db/schema/plan-templates.js'

export type CampaignRow = Selectable<CampaignsTable>
export type PlanTemplateRow = Selectable<PlanTemplatesTable>

export function campaignsRepo(db: Db) {
  const withEvent = () =>
    db
      .selectFrom('campaigns')
      .leftJoin('events', 'events.id', 'campaigns.event_id')
      .selectAll('campaigns')
      .select([
        'events.summary as event_summary',
        'events.starts_at as event_starts_at',
        'events.status as event_status',
      ])

  return {
    list(libraryId: string) {
      return withEvent()
        .where('campaigns.library_id', '=', libraryId)
        .orderBy('campaigns.peak_at', 'desc')
        .limit(500)
        .execute()
    },
    find(libraryId: string, id: string) {
      return withEvent()
        .where('campaigns.library_id', '=', libraryId)
        .where('campaigns.id', '=', id)
        .executeTakeFirst()
    },
    async exists(libraryId: string, id: string): Promise<boolean> {
      const row = await db
        .selectFrom('campaigns')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return row !== undefined
    },
    async insert(row: Insertable<CampaignsTable>) {
      await db.insertInto('campaigns').values(row).execute()
    },
    async update(libraryId: string, id: string, patch: Updateable<CampaignsTable>) {
      await db
        .updateTable('campaigns')
        .set(patch)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    /** Deletes the campaign; its posts stay, no longer part of a campaign. */
    async delete(libraryId: string, id: string, now: string): Promise<boolean> {
      await db
        .updateTable('posts')
        .set((eb) => ({ campaign_id: null, updated_at: now, version: eb('version', '+', 1) }))
        .where('library_id', '=', libraryId)
        .where('campaign_id', '=', id)
        .execute()
      const r = await db
        .deleteFrom('campaigns')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
    /** The campaign's posts as the post read model wants them (with the author's name). */
    posts(libraryId: string, campaignId: string) {
      return db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .selectAll('posts')
        .select('users.name as author_name')
        .where('posts.library_id', '=', libraryId)
        .where('posts.campaign_id', '=', campaignId)
        .orderBy('posts.planned_at')
        .orderBy('posts.created_at')
        .execute()
    },
    /** What the progress of each campaign is counted from, for the list. */
    postStates(libraryId: string, campaignIds: string[]) {
      if (campaignIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('posts')
        .leftJoin('campaign_slots', 'campaign_slots.post_id', 'posts.id')
        .select(['posts.campaign_id', 'posts.state', 'posts.text', 'campaign_slots.starter_text'])
        .where('posts.library_id', '=', libraryId)
        .where('posts.campaign_id', 'in', campaignIds)
        .execute()
    },
    slots(libraryId: string, campaignId: string) {
      return db
        .selectFrom('campaign_slots')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('campaign_id', '=', campaignId)
        .execute()
    },
    async insertSlot(row: Insertable<CampaignSlotsTable>) {
      await db.insertInto('campaign_slots').values(row).execute()
    },

    templates(libraryId: string) {
      return db
        .selectFrom('plan_templates')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('name')
        .execute()
    },
    findTemplate(libraryId: string, id: string) {
      return db
        .selectFrom('plan_templates')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async insertTemplate(row: Insertable<PlanTemplatesTable>) {
      await db.insertInto('plan_templates').values(row).execute()
    },
    async updateTemplate(
      libraryId: string,
      id: string,
      patch: Updateable<PlanTemplatesTable>,
    ): Promise<boolean> {
      const r = await db
        .updateTable('plan_templates')
        .set(patch)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async deleteTemplate(libraryId: string, id: string): Promise<boolean> {
      const r = await db
        .deleteFrom('plan_templates')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
  }
}

export interface CampaignsTable {
  id: string
  library_id: string
  name: string
  goal: string
  audience: string | null
  /** JSON array of channel ids. */
  channel_ids: string
  peak_at: string
  event_id: string | null
  created_by: string | null
  created_at: string
  updated_at: string
}

/** The slot of a campaign's plan that a post fills. */
export interface CampaignSlotsTable {
  post_id: string
  library_id: string
  campaign_id: string
  offset_days: number
  time: string
  /** 'build-up' | 'burst' | 'follow-up' */
  purpose: string
  /** The text the draft started with: the slot counts as written once the text differs. */
  starter_text: string
  created_at: string
}

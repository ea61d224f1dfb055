export interface PlanTemplatesTable {
  id: string
  library_id: string
  name: string
  /** JSON array of PlanTemplateSlot (core/planning/peak-plan.ts). */
  slots: string
  created_by: string | null
  created_at: string
  updated_at: string
}

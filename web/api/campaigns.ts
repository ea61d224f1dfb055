import { queryOptions } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  applyPlanSchema,
  Campaign,
  CampaignDetail,
  createCampaignSchema,
  PlanTemplate,
  savePlanTemplateSchema,
  updateCampaignSchema,
} from '../../core/schemas/campaign.js'
import { api } from './client.js'

export type NewCampaign = z.input<typeof createCampaignSchema>
export type CampaignChange = z.input<typeof updateCampaignSchema>
export type PlanInput = z.input<typeof applyPlanSchema>
export type TemplateInput = z.input<typeof savePlanTemplateSchema>

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`
const one = (libraryId: string, campaignId: string) =>
  `${base(libraryId)}/campaigns/${encodeURIComponent(campaignId)}`

export const campaignsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'campaigns'],
    queryFn: () => api<Campaign[]>('GET', `${base(libraryId)}/campaigns`),
  })

export const campaignQuery = (libraryId: string, campaignId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'campaigns', campaignId],
    queryFn: () => api<CampaignDetail>('GET', one(libraryId, campaignId)),
  })

export const planTemplatesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'plan-templates'],
    queryFn: () => api<PlanTemplate[]>('GET', `${base(libraryId)}/plan-templates`),
  })

export function createCampaign(libraryId: string, input: NewCampaign): Promise<CampaignDetail> {
  return api<CampaignDetail>('POST', `${base(libraryId)}/campaigns`, input)
}

export function updateCampaign(
  libraryId: string,
  campaignId: string,
  change: CampaignChange,
): Promise<CampaignDetail> {
  return api<CampaignDetail>('PATCH', one(libraryId, campaignId), change)
}

export function deleteCampaign(libraryId: string, campaignId: string): Promise<void> {
  return api<void>('DELETE', one(libraryId, campaignId))
}

export function applyPlan(
  libraryId: string,
  campaignId: string,
  plan: PlanInput,
): Promise<CampaignDetail> {
  return api<CampaignDetail>('POST', `${one(libraryId, campaignId)}/plan`, plan)
}

export function savePlanTemplate(libraryId: string, input: TemplateInput): Promise<PlanTemplate> {
  return api<PlanTemplate>('POST', `${base(libraryId)}/plan-templates`, input)
}

export function deletePlanTemplate(libraryId: string, templateId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/plan-templates/${encodeURIComponent(templateId)}`)
}

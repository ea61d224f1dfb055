import {
  type StrategyDocument,
  type StrategyVersionSummary,
  strategyDocumentSchema,
} from '../../core/schemas/strategy.js'
import type { StrategyVersionRow } from '../repos/strategy-repo.js'

export const publicPolicyUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/policy/${token}`

/** Stored JSON is re-validated on the way out: a document that no longer parses is a bug, loudly. */
export function parseDocument(json: string): StrategyDocument {
  return strategyDocumentSchema.parse(JSON.parse(json))
}

export function toVersionSummary(
  row: StrategyVersionRow,
  currentId: string | undefined,
): StrategyVersionSummary {
  return {
    id: row.id,
    number: row.number,
    note: row.note,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: row.created_by_name },
    approvedAt: row.approved_at,
    approvedBy:
      row.approved_by && row.approved_by_name
        ? { id: row.approved_by, name: row.approved_by_name }
        : null,
    current: row.id === currentId,
  }
}

import { queryOptions } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  RecurringSlot,
  saveRecurringSlotSchema,
  updateRecurringSlotSchema,
} from '../../core/schemas/recurring-slot.js'
import { api } from './client.js'

export type NewRecurringSlot = z.input<typeof saveRecurringSlotSchema>
export type RecurringSlotChange = z.input<typeof updateRecurringSlotSchema>

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/recurring-slots`

export const recurringSlotsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'recurring-slots'],
    queryFn: () => api<RecurringSlot[]>('GET', base(libraryId)),
  })

export function createRecurringSlot(
  libraryId: string,
  input: NewRecurringSlot,
): Promise<RecurringSlot> {
  return api<RecurringSlot>('POST', base(libraryId), input)
}

export function updateRecurringSlot(
  libraryId: string,
  slotId: string,
  change: RecurringSlotChange,
): Promise<RecurringSlot> {
  return api<RecurringSlot>('PATCH', `${base(libraryId)}/${encodeURIComponent(slotId)}`, change)
}

export function deleteRecurringSlot(libraryId: string, slotId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/${encodeURIComponent(slotId)}`)
}

import { z } from 'zod'

/*
 * The policy's answer target ("svarstid"): how long the library gives itself
 * to answer, and which hours count. Times are worked out in the library's
 * time zone, Swedish holidays counted out.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')

export const openingSpanSchema = z
  .strictObject({ open: clockTime, close: clockTime })
  .refine((span) => span.open < span.close, {
    message: 'Stängningstiden måste vara efter öppningstiden / Closing must be after opening',
    path: ['close'],
  })
export type OpeningSpan = z.infer<typeof openingSpanSchema>

export const openingHoursSchema = z.strictObject({
  mon: openingSpanSchema.nullable(),
  tue: openingSpanSchema.nullable(),
  wed: openingSpanSchema.nullable(),
  thu: openingSpanSchema.nullable(),
  fri: openingSpanSchema.nullable(),
  sat: openingSpanSchema.nullable(),
  sun: openingSpanSchema.nullable(),
})
export type OpeningHours = z.infer<typeof openingHoursSchema>

/**
 * - workingHoursOnly false: the hours run round the clock, every day.
 * - workingHoursOnly true, openingHours null: the hours run on weekdays
 *   (Monday–Friday, whole days), not on holidays or the eves most staff have
 *   off — "inom 24 timmar på vardagar", the usual way a library says it.
 * - workingHoursOnly true with openingHours: only the opening hours count,
 *   holidays excluded.
 */
export const responseTargetSchema = z
  .strictObject({
    hours: z.number().int().min(1).max(720),
    workingHoursOnly: z.boolean(),
    openingHours: openingHoursSchema.nullable(),
  })
  .meta({ id: 'ResponseTarget' })
export type ResponseTarget = z.infer<typeof responseTargetSchema>

export const DEFAULT_RESPONSE_TARGET: ResponseTarget = Object.freeze({
  hours: 24,
  workingHoursOnly: true,
  openingHours: null,
}) as ResponseTarget

/** A library's usual weekday opening hours, as a starting point in the editor. */
export const TYPICAL_OPENING_HOURS: OpeningHours = {
  mon: { open: '10:00', close: '19:00' },
  tue: { open: '10:00', close: '19:00' },
  wed: { open: '10:00', close: '19:00' },
  thu: { open: '10:00', close: '19:00' },
  fri: { open: '10:00', close: '17:00' },
  sat: { open: '11:00', close: '15:00' },
  sun: null,
}

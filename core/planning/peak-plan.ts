/**
 * "Allt krut på en peak": the arithmetic of a campaign's plan. A template
 * holds slots relative to the peak (T−14 … T+7); proposing a plan turns them
 * into concrete slots for a campaign's channels, and each slot's time is the
 * wall clock of the library's zone on that day, whatever the clocks do between
 * the slot and the peak.
 */
import { addDays, zonedToUtc } from '../time/zoned.js'

export const PLAN_PURPOSES = ['build-up', 'burst', 'follow-up'] as const
export type PlanPurpose = (typeof PLAN_PURPOSES)[number]

export interface PlanTemplateSlot {
  /** Days from the peak day: −14 is two weeks before, 0 the peak day, 1 the day after. */
  offsetDays: number
  /** HH:MM on that day, in the library's time zone. */
  time: string
  purpose: PlanPurpose
  /** One post per campaign channel (each written for its network) rather than one post to all. */
  perChannel: boolean
  /** A starter text; {kampanj} and {datum} become the campaign's name and peak day. */
  text: string
}

export interface ProposedSlot {
  offsetDays: number
  time: string
  purpose: PlanPurpose
  channelIds: string[]
  text: string
}

/** Torget's own plan: build-up, a burst on the peak day on every channel, follow-up. */
export const DEFAULT_PLAN_SLOTS: readonly PlanTemplateSlot[] = [
  {
    offsetDays: -14,
    time: '10:00',
    purpose: 'build-up',
    perChannel: false,
    text: 'Om två veckor är det {kampanj}! Vad ser du mest fram emot? Skriv gärna i kommentarerna.',
  },
  {
    offsetDays: -7,
    time: '10:00',
    purpose: 'build-up',
    perChannel: false,
    text: 'En vecka kvar till {kampanj} den {datum}. Vilken bok tycker du att fler borde läsa? Tipsa oss!',
  },
  {
    offsetDays: -2,
    time: '10:00',
    purpose: 'build-up',
    perChannel: false,
    text: 'I övermorgon är det dags för {kampanj}. Vem tar du med dig? Tagga någon som inte får missa det.',
  },
  {
    offsetDays: 0,
    time: '09:00',
    purpose: 'burst',
    perChannel: true,
    text: 'Idag är det {kampanj}! Välkommen till oss – vi ses på biblioteket.',
  },
  {
    offsetDays: 0,
    time: '15:00',
    purpose: 'burst',
    perChannel: true,
    text: '{kampanj} pågår just nu. Vad har du upptäckt idag? Dela ett boktips med oss!',
  },
  {
    offsetDays: 1,
    time: '10:00',
    purpose: 'follow-up',
    perChannel: false,
    text: 'Tack till alla som kom på {kampanj}! Vad tog du med dig hem? Berätta gärna.',
  },
  {
    offsetDays: 7,
    time: '10:00',
    purpose: 'follow-up',
    perChannel: false,
    text: 'En vecka sedan {kampanj}. Har du hunnit läsa något av det du hittade? Vi vill höra vad du tyckte.',
  },
]

/** The template's slots for a campaign on these channels, in the order they fall. */
export function proposePlan(
  slots: readonly PlanTemplateSlot[],
  channelIds: readonly string[],
): ProposedSlot[] {
  const proposed = slots.flatMap((slot) => {
    const base = {
      offsetDays: slot.offsetDays,
      time: slot.time,
      purpose: slot.purpose,
      text: slot.text,
    }
    if (slot.perChannel && channelIds.length > 1)
      return channelIds.map((id) => ({ ...base, channelIds: [id] }))
    return [{ ...base, channelIds: [...channelIds] }]
  })
  return proposed.sort((a, b) => a.offsetDays - b.offsetDays || a.time.localeCompare(b.time))
}

/** When a slot falls: the wall clock `time` on the day `offsetDays` from the peak day, in `timeZone`. */
export function slotInstant(
  peakDate: string,
  slot: Pick<ProposedSlot, 'offsetDays' | 'time'>,
  timeZone: string,
): Date {
  return zonedToUtc(addDays(peakDate, slot.offsetDays), slot.time, timeZone)
}

/** The starter text with the campaign's name and peak day filled in. */
export function fillStarterText(
  text: string,
  values: { campaign: string; peakDay: string },
): string {
  return text.replaceAll('{kampanj}', values.campaign).replaceAll('{datum}', values.peakDay)
}

/** "T−7", "T", "T+1": how the workshop names a slot. */
export function offsetLabel(offsetDays: number): string {
  if (offsetDays === 0) return 'T'
  return offsetDays < 0 ? `T−${-offsetDays}` : `T+${offsetDays}`
}

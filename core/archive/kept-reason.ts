import type { Locale } from '../locale.js'
import type { RecordClass } from './entry.js'

/** Why Torget keeps something a person asked to have erased, in a form a UI and a letter both use. */
export interface KeptReason {
  basis: 'public_record' | 'staff_note'
  recordClass: RecordClass | null
  /** When it became a record (received or published), as a date in the library's zone. */
  since: string | null
  rule: { id: string; name: string } | null
  permanent: boolean
  /** The first day it may be weeded under the rule, if it is not permanent. */
  earliestWeeding: string | null
  holds: string[]
}

/** "Allmän handling: inkommen 2026-03-02, gallras enligt regeln ”Kommentarer” tidigast 2028-03-02." */
export function describeKept(reason: KeptReason, locale: Locale): string {
  const sv = locale === 'sv'
  if (reason.basis === 'staff_note')
    return sv
      ? 'Personalens anteckning i inkorgen; kan vara en allmän handling (minnesanteckning) och prövas för sig.'
      : "Staff's note in the inbox; it may be a public record (a file note) and is assessed on its own."
  const cls =
    reason.recordClass === 'upprattad'
      ? sv
        ? 'upprättad'
        : 'drawn up'
      : sv
        ? 'inkommen'
        : 'received'
  let text = sv
    ? `Allmän handling: ${cls} ${reason.since ?? ''}`.trimEnd()
    : `Public record: ${cls} ${reason.since ?? ''}`.trimEnd()
  if (reason.rule && reason.permanent)
    text += sv
      ? `, bevaras enligt regeln ”${reason.rule.name}”.`
      : `, kept permanently under the rule “${reason.rule.name}”.`
  else if (reason.rule)
    text += sv
      ? `, gallras enligt regeln ”${reason.rule.name}” tidigast ${reason.earliestWeeding}.`
      : `, may be weeded under the rule “${reason.rule.name}” on ${reason.earliestWeeding} at the earliest.`
  else
    text += sv
      ? '; ingen gallringsregel gäller, så den bevaras tills ett gallringsbeslut fattas.'
      : '; no retention rule applies, so it is kept until a weeding decision is made.'
  for (const hold of reason.holds)
    text += sv ? ` Omfattas av spärr: ${hold}.` : ` Under a legal hold: ${hold}.`
  return text
}

import { z } from 'zod'
import type { Locale } from '../locale.js'

/*
 * Why a comment was removed. The first eight are the crimes that lag
 * (1998:112) om ansvar för elektroniska anslagstavlor 5 § obliges whoever
 * runs a board (a library's account that others comment on) to remove when
 * a message obviously is one (list as amended by SFS 2018:1314; the
 * terrorism item now points to terroristbrottslagen 2022:666). Anything else
 * the library removes, it removes under its own rules, and says so.
 */

export interface ModerationReason {
  id: string
  /** One of the crimes in 5 §; false for the library's own rules. */
  fromLaw: boolean
  label: Readonly<Record<Locale, string>>
  /** Where in the law the crime is; null for the library's rules. */
  legalRef: string | null
  /** A line for the moderator choosing it. */
  hint: Readonly<Record<Locale, string>>
}

export const MODERATION_REASONS = [
  {
    id: 'unlawful_threat',
    fromLaw: true,
    label: { sv: 'Olaga hot', en: 'Unlawful threat' },
    legalRef: 'BrB 4 kap. 5 §',
    hint: {
      sv: 'Hot om brott mot någon, så att den kan känna allvarlig fruktan.',
      en: 'A threat of a crime against someone, such that they may seriously fear for their safety.',
    },
  },
  {
    id: 'unlawful_privacy_intrusion',
    fromLaw: true,
    label: { sv: 'Olaga integritetsintrång', en: 'Unlawful breach of privacy' },
    legalRef: 'BrB 4 kap. 6 c §',
    hint: {
      sv: 'Sprider bilder eller uppgifter om någons sexualliv, hälsa, nakenhet eller liknande.',
      en: "Spreads images or details of someone's sex life, health, nudity or the like.",
    },
  },
  {
    id: 'incitement',
    fromLaw: true,
    label: { sv: 'Uppvigling', en: 'Incitement' },
    legalRef: 'BrB 16 kap. 5 §',
    hint: {
      sv: 'Uppmanar andra att begå brott eller trotsa myndigheter.',
      en: 'Urges others to commit crimes or defy the authorities.',
    },
  },
  {
    id: 'agitation_against_group',
    fromLaw: true,
    label: { sv: 'Hets mot folkgrupp', en: 'Agitation against a population group' },
    legalRef: 'BrB 16 kap. 8 §',
    hint: {
      sv: 'Hotar eller uttrycker missaktning för en grupp, t.ex. för hudfärg, ursprung, tro, sexuell läggning eller könsöverskridande identitet.',
      en: 'Threatens or shows contempt for a group, e.g. for skin colour, origin, faith, sexual orientation or transgender identity.',
    },
  },
  {
    id: 'child_sexual_abuse_material',
    fromLaw: true,
    label: { sv: 'Barnpornografibrott', en: 'Child sexual abuse material' },
    legalRef: 'BrB 16 kap. 10 a §',
    hint: {
      sv: 'Sexuella bilder av barn. Spara inte bilden själv – anmäl till polisen.',
      en: 'Sexual images of children. Do not save the image yourself – report it to the police.',
    },
  },
  {
    id: 'unlawful_depiction_of_violence',
    fromLaw: true,
    label: { sv: 'Olaga våldsskildring', en: 'Unlawful depiction of violence' },
    legalRef: 'BrB 16 kap. 10 c §',
    hint: {
      sv: 'Närgångna bilder av grovt våld eller sexuellt våld.',
      en: 'Close-up images of gross violence or sexual violence.',
    },
  },
  {
    id: 'public_incitement_to_terrorism',
    fromLaw: true,
    label: {
      sv: 'Offentlig uppmaning till terrorism',
      en: 'Public incitement to terrorism',
    },
    legalRef: 'Terroristbrottslagen (2022:666)',
    hint: {
      sv: 'Uppmanar till terroristbrott eller annan särskilt allvarlig brottslighet.',
      en: 'Urges terrorist offences or other particularly serious crime.',
    },
  },
  {
    id: 'copyright_infringement',
    fromLaw: true,
    label: { sv: 'Intrång i upphovsrätt', en: 'Copyright infringement' },
    legalRef: 'Upphovsrättslagen (1960:729)',
    hint: {
      sv: 'Någon annans verk, t.ex. en hel e-bok, film eller musik, delat utan lov.',
      en: "Someone else's work, e.g. a whole e-book, film or music, shared without permission.",
    },
  },
  {
    id: 'library_rules',
    fromLaw: false,
    label: { sv: 'Bryter mot bibliotekets regler', en: "Breaks the library's rules" },
    legalRef: null,
    hint: {
      sv: 'T.ex. reklam och spam, inlägg som inte hör till ämnet eller personuppgifter som personnummer.',
      en: 'E.g. advertising and spam, posts off the topic or personal data such as a personal identity number.',
    },
  },
] as const satisfies readonly ModerationReason[]

export type ModerationReasonId = (typeof MODERATION_REASONS)[number]['id']
export const MODERATION_REASON_IDS = MODERATION_REASONS.map((r) => r.id) as [
  ModerationReasonId,
  ...ModerationReasonId[],
]
export const moderationReasonSchema = z.enum(MODERATION_REASON_IDS)

export function isModerationReason(id: string): id is ModerationReasonId {
  return (MODERATION_REASON_IDS as readonly string[]).includes(id)
}

export function moderationReason(id: ModerationReasonId): ModerationReason {
  return MODERATION_REASONS.find((r) => r.id === id)!
}

/** "Olaga hot (BrB 4 kap. 5 §)" — what the archive and the activity log say. */
export function moderationReasonLabel(id: string, locale: Locale): string {
  if (!isModerationReason(id)) return id
  const reason = moderationReason(id)
  return reason.legalRef ? `${reason.label[locale]} (${reason.legalRef})` : reason.label[locale]
}

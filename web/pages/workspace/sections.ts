import type { Section } from '../../../core/schemas/index.js'

/** Each workspace section's address; the Swedish slugs are part of the public URL contract. */
export const SECTION_PATHS = {
  planning: '/bibliotek/$libraryId/planering',
  inbox: '/bibliotek/$libraryId/inkorg',
  ideas: '/bibliotek/$libraryId/ideer',
  statistics: '/bibliotek/$libraryId/statistik',
  strategy: '/bibliotek/$libraryId/strategi',
  archive: '/bibliotek/$libraryId/arkiv',
  channels: '/bibliotek/$libraryId/kanaler',
  members: '/bibliotek/$libraryId/medlemmar',
  settings: '/bibliotek/$libraryId/installningar',
} as const satisfies Record<Section, string>

export type SectionPath = (typeof SECTION_PATHS)[Section]

/** Navigation order: daily work first, administration last. */
export const SECTION_ORDER: readonly Section[] = [
  'planning',
  'inbox',
  'ideas',
  'statistics',
  'strategy',
  'archive',
  'channels',
  'members',
  'settings',
]

/** Pages that belong to a section without being its first page: a post is planning work. */
const SUBPAGES: Record<string, Section> = { inlagg: 'planning' }

export function sectionOfPath(pathname: string): Section | undefined {
  const slug = pathname.split('/')[3]
  if (slug && Object.hasOwn(SUBPAGES, slug)) return SUBPAGES[slug]
  return SECTION_ORDER.find((section) => SECTION_PATHS[section].endsWith(`/${slug}`))
}

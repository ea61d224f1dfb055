/** The tags a new library's inbox starts with, from the workshop's way of answering; each library edits its own. */
export const DEFAULT_INBOX_TAGS = {
  sv: ['fråga', 'beröm', 'klagomål', 'personligt ärende', 'hot/hat'],
  en: ['question', 'praise', 'complaint', 'personal matter', 'threat/hate'],
} as const

/** Two names that differ only in case or surrounding space are the same tag. */
export function tagKey(name: string): string {
  return name.trim().toLocaleLowerCase('sv').replace(/\s+/g, ' ')
}

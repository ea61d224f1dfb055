/**
 * `value` as an https URL, or undefined. Addresses a network hands back (a
 * profile, a post) become links in Torget, so only https ones are kept: not
 * javascript: or data:, and not plain http that anyone on the way can change.
 */
export function httpsUrl(value: string | null | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined
  const url = new URL(value)
  return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password
    ? url.href
    : undefined
}

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

/**
 * `value` as an http(s) URL Torget may fetch but never shows as a link: a
 * file attached to someone's reply, copied into the archive. Plain http is
 * kept (the copy is hashed when it arrives), credentials in it are not.
 */
export function fetchableUrl(value: string | null | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined
  const url = new URL(value)
  return (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    !url.username &&
    !url.password
    ? url.href
    : undefined
}

/** How long before a network's access ends that Torget warns (Meta: the token's 60 days). */
export const ACCESS_WARNING_DAYS = 14
const WARNING_MS = ACCESS_WARNING_DAYS * 86_400_000

/** Whether access ends within the warning time, or has ended: the app says so, and asks for a reconnection. */
export function accessEndingSoon(expiresAt: string | null | undefined, now: number): boolean {
  if (!expiresAt) return false
  return Date.parse(expiresAt) - now < WARNING_MS
}

/** The latest moment whose ending access is warned of at `now`. */
export function warningHorizon(now: Date): Date {
  return new Date(now.getTime() + WARNING_MS)
}

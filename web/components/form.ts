import type { TFunction } from 'i18next'

export type FieldErrors<K extends string> = Partial<Record<K, string>>

/** At least 10 characters: the same rule as the server (NIST SP 800-63B, length over rules). */
export const PASSWORD_MIN = 10

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function checkRequired(t: TFunction, value: string): string | undefined {
  return value.trim() ? undefined : t('validation.required')
}

export function checkEmail(t: TFunction, value: string): string | undefined {
  if (!value.trim()) return t('validation.required')
  return EMAIL.test(value.trim()) ? undefined : t('validation.email')
}

export function checkNewPassword(t: TFunction, value: string): string | undefined {
  if (!value) return t('validation.required')
  return value.length >= PASSWORD_MIN
    ? undefined
    : t('validation.passwordShort', { min: PASSWORD_MIN })
}

/** Drops the fields without a problem; empty means the form may be sent. */
export function problems<K extends string>(checks: Record<K, string | undefined>): FieldErrors<K> {
  const found: FieldErrors<K> = {}
  for (const key of Object.keys(checks) as K[]) {
    if (checks[key]) found[key] = checks[key]
  }
  return found
}

/** Moves focus to the first field marked invalid, so keyboard users land on the problem. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  })
}

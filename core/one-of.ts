/** Whether `value` is one of `list`, narrowing it to the list's own type. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value)
}

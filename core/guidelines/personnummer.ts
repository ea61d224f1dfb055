/**
 * Swedish personal identity numbers (personnummer, SKV 704) and coordination
 * numbers (samordningsnummer, SKV 707): YYMMDD-NNNC or YYYYMMDD-NNNC, where C
 * is a Luhn check digit over the ten digits YYMMDDNNN, '+' replaces '-' from
 * the year a person turns 100, and a coordination number adds 60 to the day.
 */
export type IdentityKind = 'personnummer' | 'samordningsnummer'

export function luhnValid(tenDigits: string): boolean {
  let sum = 0
  for (let i = 0; i < tenDigits.length; i++) {
    let d = tenDigits.charCodeAt(i) - 48
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** The check digit that makes nine digits a valid number. */
export function luhnCheckDigit(nineDigits: string): number {
  for (let c = 0; c <= 9; c++) if (luhnValid(nineDigits + c)) return c
  throw new Error('unreachable')
}

/**
 * Which kind of identity number the digits are, or undefined. `century` is
 * known for 12-digit forms; for 10 digits any century that makes the date
 * real is accepted.
 */
export function identityKind(
  date: string,
  serial: string,
  century?: number,
): IdentityKind | undefined {
  const yy = Number(date.slice(-6, -4))
  const mm = Number(date.slice(-4, -2))
  let dd = Number(date.slice(-2))
  let kind: IdentityKind = 'personnummer'
  if (dd > 60) {
    dd -= 60
    kind = 'samordningsnummer'
  }
  if (mm < 1 || mm > 12 || dd < 1) return undefined
  const years = century === undefined ? [2000 + yy, 1900 + yy] : [century * 100 + yy]
  if (!years.some((y) => dd <= daysInMonth(y, mm))) return undefined
  return luhnValid(date.slice(-6) + serial) ? kind : undefined
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

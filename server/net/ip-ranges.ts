/**
 * Which IP addresses a user-given URL may reach. Everything that is not a
 * public unicast address is refused: a user must not be able to make Torget
 * probe the network it runs in (cloud metadata, databases, the admin panel of
 * the router).
 */
import net from 'node:net'

export type BlockedRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link_local'
  | 'unique_local'
  | 'multicast'
  | 'reserved'

interface Range {
  bytes: Uint8Array
  bits: number
  label: BlockedRange
}

/** IPv4 in IPv6 form (::ffff:a.b.c.d), so one comparison covers both families. */
function v4Bytes(address: string): Uint8Array {
  const out = new Uint8Array(16)
  out[10] = 0xff
  out[11] = 0xff
  address.split('.').forEach((part, i) => (out[12 + i] = Number(part)))
  return out
}

function v6Bytes(address: string): Uint8Array {
  let text = address
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const b = v4Bytes(dotted[1]!)
    text = `${text.slice(0, dotted.index)}${((b[12]! << 8) | b[13]!).toString(16)}:${((b[14]! << 8) | b[15]!).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const groups = (s: string) => (s === '' ? [] : s.split(':'))
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  const out = new Uint8Array(16)
  all.forEach((group, i) => {
    const n = parseInt(group, 16)
    out[2 * i] = n >> 8
    out[2 * i + 1] = n & 0xff
  })
  return out
}

/** The 16-byte form of an IPv4 or IPv6 address, or undefined when it is neither. */
export function addressBytes(address: string): Uint8Array | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const family = net.isIP(bare)
  if (family === 4) return v4Bytes(bare)
  if (family === 6) return v6Bytes(bare)
  return undefined
}

function inRange(bytes: Uint8Array, range: Pick<Range, 'bytes' | 'bits'>): boolean {
  for (let bit = 0; bit < range.bits; bit += 8) {
    const take = Math.min(8, range.bits - bit)
    const mask = (0xff << (8 - take)) & 0xff
    if ((bytes[bit / 8]! & mask) !== (range.bytes[bit / 8]! & mask)) return false
  }
  return true
}

/** Parses "10.0.0.0/8", "fd00::/8" or a bare address (a range of one). */
export function parseCidr(cidr: string): { bytes: Uint8Array; bits: number } | undefined {
  const [address = '', prefix] = cidr.trim().split('/')
  const bytes = addressBytes(address)
  if (!bytes) return undefined
  const isV4 = net.isIP(address) === 4
  const max = isV4 ? 32 : 128
  const n = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN
  if (!(n >= 0 && n <= max)) return undefined
  return { bytes, bits: isV4 ? 96 + n : n }
}

export function isCidr(cidr: string): boolean {
  return parseCidr(cidr) !== undefined
}

const range = (cidr: string, label: BlockedRange): Range => ({ ...parseCidr(cidr)!, label })

// RFC 6890 special-purpose registries, minus the globally reachable entries.
const BLOCKED_V4: Range[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'cgnat'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link_local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('192.88.99.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
]

const BLOCKED_V6: Range[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('::/8', 'reserved'),
  range('64:ff9b:1::/48', 'reserved'),
  range('100::/64', 'reserved'),
  range('2001::/23', 'reserved'),
  range('2001:db8::/32', 'reserved'),
  range('fc00::/7', 'unique_local'),
  range('fe80::/10', 'link_local'),
  range('fec0::/10', 'link_local'),
  range('ff00::/8', 'multicast'),
]

const MAPPED = parseCidr('::ffff:0:0/96')!
const NAT64 = parseCidr('64:ff9b::/96')!
const SIX_TO_FOUR = parseCidr('2002::/16')!

/**
 * An IPv6 address that carries an IPv4 address (mapped, NAT64, 6to4) reaches
 * that IPv4 host, so it is judged by the IPv4 address it carries.
 */
function embeddedV4(bytes: Uint8Array): Uint8Array | undefined {
  const asV4 = (a: number, b: number, c: number, d: number) => {
    const out = new Uint8Array(16)
    out.set([0xff, 0xff, a, b, c, d], 10)
    return out
  }
  if (inRange(bytes, NAT64)) return asV4(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!)
  if (inRange(bytes, SIX_TO_FOUR)) return asV4(bytes[2]!, bytes[3]!, bytes[4]!, bytes[5]!)
  return undefined
}

export type AllowList = readonly string[]

/**
 * Why `address` may not be fetched from, or null when it may. `allow` lists
 * ranges (CIDR) that are permitted even though they are not public.
 * Anything that is not an IP address is refused as 'reserved'.
 */
export function blockedRange(address: string, allow: AllowList = []): BlockedRange | null {
  const original = addressBytes(address)
  if (!original) return 'reserved'
  const bytes = embeddedV4(original) ?? original
  const allowed = allow.map(parseCidr).filter((r) => r !== undefined)
  if (allowed.some((r) => inRange(bytes, r) || inRange(original, r))) return null
  // IPv4 is held as ::ffff:a.b.c.d, which lies inside the reserved ::/8 of IPv6.
  const ranges = inRange(bytes, MAPPED) ? BLOCKED_V4 : BLOCKED_V6
  return ranges.find((r) => inRange(bytes, r))?.label ?? null
}

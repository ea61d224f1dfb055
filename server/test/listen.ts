import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import { type ServerType, serve } from '@hono/node-server'

/**
 * A free port for a server whose public address must be known before it
 * starts. It is drawn from below the kernel's ephemeral range: a port that
 * `listen(0)` handed out and this function released could be handed out again
 * to any other server starting meanwhile (dev-env starts several), and one
 * CI run lost its AppView that way (EADDRINUSE). Below the range only
 * another caller of this function can pick the same port, one in ~20,000.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange()
  const first = 10_000
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = first + crypto.randomInt(low - first)
    if ((await bindable(port, '127.0.0.1')) && (await bindable(port, '::'))) return port
  }
  throw new Error(`No free port between ${first} and ${low} after 50 tries`)
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = fs
      .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
    if (low && high && low > 12_000) return [low, high]
  } catch {
    // Not Linux: fall back to the IANA dynamic range.
  }
  return [49_152, 65_535]
}

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', (error: NodeJS.ErrnoException) =>
      // A machine without IPv6 cannot bind '::'; then IPv4 alone decides.
      resolve(error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL'),
    )
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/**
 * Serves an app on loopback, for tests where another server must reach Torget
 * (the stand-in Graph API fetching images, as Meta does).
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
): ServerType {
  return serve({ fetch, hostname: '127.0.0.1', port })
}

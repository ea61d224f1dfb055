import net from 'node:net'
import { type ServerType, serve } from '@hono/node-server'

/** A free loopback port, for a Torget whose public address must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
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

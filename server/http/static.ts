import fs from 'node:fs'
import path from 'node:path'
import type { Hono } from 'hono'
import type { AppEnv } from './context.js'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Serves the built single-page app: hashed assets cached for a year, and
 * index.html for every other path so that deep links work. Files are read
 * once at start; the build does not change under a running server.
 */
export function serveWebApp(app: Hono<AppEnv>, webRoot: string) {
  const files = new Map<string, { body: Buffer; type: string }>()
  if (fs.existsSync(webRoot)) {
    for (const entry of fs.readdirSync(webRoot, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const full = path.join(entry.parentPath, entry.name)
      const rel = '/' + path.relative(webRoot, full).split(path.sep).join('/')
      files.set(rel, {
        body: fs.readFileSync(full),
        type: TYPES[path.extname(full)] ?? 'application/octet-stream',
      })
    }
  }
  const index = files.get('/index.html')
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound()
    const file = files.get(c.req.path)
    if (file && c.req.path !== '/index.html') {
      c.header('content-type', file.type)
      c.header(
        'cache-control',
        c.req.path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
      )
      return c.body(new Uint8Array(file.body))
    }
    if (!index) {
      return c.text(
        'The web app is not built. Run `npm run build` (npm start does it for you).',
        503,
      )
    }
    c.header('content-type', 'text/html; charset=utf-8')
    c.header('cache-control', 'no-cache')
    return c.body(new Uint8Array(index.body))
  })
}

import fs from 'node:fs'
import path from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../context.js'

export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, string> }>
}

/** Liveness, readiness and the API reference (served locally: no CDN, nothing leaks to third parties). */
export function systemRoutes(
  app: OpenAPIHono<AppEnv>,
  { readiness, swaggerDir }: { readiness: Readiness; swaggerDir: string | undefined },
) {
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  // Anyone may ask; what failed (a database error can name hosts and users) goes only to the log.
  app.get('/readyz', async (c) => {
    const result = await readiness.check()
    if (!result.ready) c.get('log').warn({ checks: result.checks }, 'not ready')
    return c.json({ status: result.ready ? 'ready' : 'not ready' }, result.ready ? 200 : 503)
  })

  app.get('/api/v1/docs', (c) =>
    c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Torget API</title>
<link rel="stylesheet" href="/api/v1/docs/assets/swagger-ui.css"></head>
<body><main id="api"></main><script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/init.js"></script></body></html>`),
  )
  app.get('/api/v1/docs/init.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8')
    return c.body(
      `SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#api', deepLinking: true })`,
    )
  })
  const assets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js'])
  app.get('/api/v1/docs/assets/:file', (c) => {
    const file = c.req.param('file')
    if (!swaggerDir || !assets.has(file)) return c.notFound()
    c.header(
      'content-type',
      file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    )
    c.header('cache-control', 'public, max-age=86400')
    return c.body(fs.readFileSync(path.join(swaggerDir, file)))
  })
}

import { type ServerType, serve } from '@hono/node-server'
import type { Config } from '../config/config.js'
import { metaSettings, metaStartNotes } from '../adapters/meta/settings.js'
import { createLogger } from '../logger.js'
import { type DemoContent, seedDemo } from '../services/demo/demo-seed.js'
import { buildTorget } from '../wiring.js'
import { demoInstructions, demoSeededLine } from './demo.js'
import { setupCodeInstructions } from './setup-code.js'

const SHUTDOWN_GRACE_MS = 15_000

export async function serveCommand(
  config: Config,
  options: { demo: DemoContent | undefined },
): Promise<number> {
  const started = performance.now()
  const logger = createLogger(config.logLevel)
  const torget = await buildTorget(config, logger, { demo: options.demo !== undefined })
  const seeded = options.demo && (await seedDemo(torget, { content: options.demo }))
  const roles = new Set(config.roles)
  if (roles.has('worker')) await torget.startWorker()

  let server: ServerType | undefined
  if (roles.has('web')) {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: torget.http.fetch, hostname: config.host, port: config.port }, () =>
        resolve(s),
      )
      s.once('error', reject)
    }).catch(async (error: unknown) => {
      await torget.close()
      throw error
    })
    ;(server as import('node:http').Server).keepAliveTimeout = 65_000
  }
  const address = server?.address()
  const port = address && typeof address === 'object' ? address.port : config.port
  const url = config.publicUrl.replace(`:${config.port}`, `:${port}`)
  logger.info(
    {
      roles: [...roles],
      database: torget.database.dialect,
      ms: Math.round(performance.now() - started),
    },
    'ready',
  )
  for (const note of metaStartNotes(metaSettings(config))) logger[note.level](note.text)
  if (server) {
    // One write: whoever reads the output (a person, a script) gets the demo's sign-in with it.
    const demo = seeded
      ? `\n${demoSeededLine(seeded, options.demo!)}\n${demoInstructions(url)}\n`
      : ''
    console.log(`\nTorget is running: open ${url}\n${demo}`)
    const setup = await torget.services.auth.setupCode()
    if (setup) console.log(setupCodeInstructions(url, setup) + '\n')
  } else console.log('Torget worker is running.')

  await new Promise<void>((resolve) => {
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) return
      stopping = true
      logger.info({ signal }, 'shutting down')
      const force = setTimeout(() => {
        logger.warn('shutdown took too long; exiting')
        process.exit(1)
      }, SHUTDOWN_GRACE_MS)
      force.unref()
      const closeServer = server
        ? new Promise<void>((r) => {
            server!.close(() => r())
            // Idle keep-alive connections would hold close() open until they time out.
            ;(server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.()
          })
        : Promise.resolve()
      closeServer
        .then(() => torget.close())
        .then(
          () => resolve(),
          (error: unknown) => {
            logger.error({ err: error }, 'error during shutdown')
            resolve()
          },
        )
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
  return 0
}

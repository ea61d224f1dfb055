import { z } from 'zod'
import { ROLE_LABELS } from '../../core/roles.js'
import type { Config } from '../config/config.js'
import { createLogger } from '../logger.js'
import {
  DEMO_MEMBERS,
  DEMO_PASSWORD,
  type DemoContent,
  type DemoSummary,
  resetDemo,
  seedDemo,
} from '../services/demo/demo-seed.js'
import { buildTorget } from '../wiring.js'

/** `--demo` alone is the living library; `--demo=members` only its five members (the e2e tests' start). */
export const demoOptionSchema = z.enum(['living', 'members'], {
  error: () => '--demo takes no value (a library at work) or =members (only its members)',
})

/** parseArgs cannot take an option both bare and with a value: a bare `--demo` means `living`. */
export function withDemoDefault(argv: string[]): string[] {
  return argv.map((arg) => (arg === '--demo' ? '--demo=living' : arg))
}

export function demoInstructions(publicUrl: string): string {
  const lines = DEMO_MEMBERS.map((m) => `  ${ROLE_LABELS[m.role].sv.padEnd(10)} ${m.email}`)
  return `Exempelbiblioteket is ready at ${publicUrl}. Sign in as any of:\n${lines.join('\n')}\nPassword for all of them: ${DEMO_PASSWORD}`
}

/** One line on what the seed did and how long it took (issue 14 asks for under 5 s). */
export function demoSeededLine(summary: DemoSummary, content: DemoContent): string {
  if (!summary.created)
    return 'Exempelbiblioteket already exists; nothing changed (`torget demo --reset` starts it over).'
  const what = content === 'members' ? 'with its five members' : 'as a library at work'
  return `Seeded Exempelbiblioteket ${what} in ${(summary.ms / 1000).toFixed(2)} s.`
}

export async function demoCommand(
  config: Config,
  options: { content: DemoContent; reset: boolean },
): Promise<number> {
  const torget = await buildTorget(config, createLogger(config.logLevel))
  try {
    const seed = options.reset ? resetDemo : seedDemo
    const summary = await seed(torget, { content: options.content })
    console.log(demoSeededLine(summary, options.content))
    console.log(demoInstructions(config.publicUrl))
    return 0
  } finally {
    await torget.close()
  }
}

import { ROLE_LABELS } from '../../core/roles.js'
import type { Config } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createStore } from '../repos/index.js'
import { DEMO_MEMBERS, DEMO_PASSWORD, seedDemo } from '../services/demo-seed.js'

export function demoInstructions(publicUrl: string): string {
  const lines = DEMO_MEMBERS.map((m) => `  ${ROLE_LABELS[m.role].sv.padEnd(10)} ${m.email}`)
  return `Exempelbiblioteket is ready at ${publicUrl}. Sign in as any of:\n${lines.join('\n')}\nPassword for all of them: ${DEMO_PASSWORD}`
}

export async function demoCommand(config: Config): Promise<number> {
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    const { created } = await seedDemo(createStore(database.db))
    console.log(
      created
        ? 'Created Exempelbiblioteket.'
        : 'Exempelbiblioteket already exists; nothing changed.',
    )
    console.log(demoInstructions(config.publicUrl))
    return 0
  } finally {
    await database.close()
  }
}

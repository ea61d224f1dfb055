import readline from 'node:readline/promises'
import { emailSchema, passwordSchema, personNameSchema } from '../../core/schemas/index.js'
import type { Config } from '../config/config.js'
import { openDatabase } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { createStore } from '../repos/index.js'
import { hashPassword } from '../security/passwords.js'
import { commandLineActor, recordAudit } from '../services/audit-service.js'
import { newId } from '../security/tokens.js'

export async function createAdminCommand(
  config: Config,
  options: { email: string | undefined; name: string | undefined },
): Promise<number> {
  const email = emailSchema.safeParse(options.email)
  if (!email.success) {
    console.error(
      'Give the administrator\'s email address: torget create-admin --email anna@bibliotek.se --name "Anna Andersson"',
    )
    return 2
  }
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath })
  try {
    await migrateToLatest(database.db)
    const store = createStore(database.db)
    const now = new Date().toISOString()
    const existing = await store.repos.users.findByEmail(email.data)
    if (existing) {
      await store.transaction(async (repos) => {
        await repos.users.update(existing.id, { isInstanceAdmin: true }, now)
        await recordAudit(repos, commandLineActor('create-admin'), {
          action: 'instance.admin_promoted',
          target: { type: 'user', id: existing.id, label: email.data },
        })
      })
      console.log(`${email.data} already had an account; it is now a Torget administrator.`)
      return 0
    }
    const name = personNameSchema.safeParse(options.name)
    if (!name.success) {
      console.error('Give a name too: --name "Anna Andersson"')
      return 2
    }
    const password = passwordSchema.safeParse(
      process.env.TORGET_ADMIN_PASSWORD ?? (await prompt('Password (at least 10 characters): ')),
    )
    if (!password.success) {
      console.error('The password must be 10 to 200 characters long.')
      return 2
    }
    const id = newId()
    const passwordHash = await hashPassword(password.data)
    await store.transaction(async (repos) => {
      await repos.users.insert({
        id,
        email: email.data,
        name: name.data,
        passwordHash,
        locale: 'sv',
        isInstanceAdmin: true,
        now,
      })
      await recordAudit(repos, commandLineActor('create-admin'), {
        action: 'instance.admin_created',
        target: { type: 'user', id, label: email.data },
      })
    })
    console.log(
      `Created the Torget administrator ${email.data}. Sign in and create a library under "Nytt bibliotek".`,
    )
    return 0
  } finally {
    await database.close()
  }
}

async function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) return ''
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout })
  try {
    return await rl.question(question)
  } finally {
    rl.close()
  }
}

import type { Role } from '../../core/roles.js'
import type { Store } from '../repos/index.js'
import { hashPassword } from '../security/passwords.js'
import { newId } from '../security/tokens.js'

export const DEMO_PASSWORD = 'exempel-losenord'
export const DEMO_MEMBERS: { role: Role; email: string; name: string }[] = [
  { role: 'admin', email: 'ansvarig@exempelbiblioteket.se', name: 'Anna Ansvarig' },
  { role: 'editor', email: 'redaktor@exempelbiblioteket.se', name: 'Rasmus Redaktör' },
  { role: 'writer', email: 'skribent@exempelbiblioteket.se', name: 'Sara Skribent' },
  { role: 'responder', email: 'svarare@exempelbiblioteket.se', name: 'Sven Svarare' },
  { role: 'reader', email: 'lasare@exempelbiblioteket.se', name: 'Lena Läsare' },
]

/** Seeds "Exempelbiblioteket" once; running it again changes nothing. */
export async function seedDemo(store: Store): Promise<{ created: boolean }> {
  if (await store.repos.users.findByEmail(DEMO_MEMBERS[0]!.email)) return { created: false }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return store.transaction(async (repos) => {
    if (await repos.users.findByEmail(DEMO_MEMBERS[0]!.email)) return { created: false }
    const now = new Date().toISOString()
    const libraryId = newId()
    await repos.libraries.insert({
      id: libraryId,
      name: 'Exempelbiblioteket',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      now,
    })
    for (const member of DEMO_MEMBERS) {
      const existing = await repos.users.findByEmail(member.email)
      const userId = existing?.id ?? newId()
      if (!existing) {
        await repos.users.insert({
          id: userId,
          email: member.email,
          name: member.name,
          passwordHash,
          locale: 'sv',
          isInstanceAdmin: member.role === 'admin',
          now,
        })
      }
      await repos.memberships.insert({ libraryId, userId, role: member.role, now })
    }
    return { created: true }
  })
}

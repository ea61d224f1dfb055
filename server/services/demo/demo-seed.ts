import type { Role } from '../../../core/roles.js'
import type { Repos, Store } from '../../repos/index.js'
import { hashPassword } from '../../security/passwords.js'
import { newId } from '../../security/tokens.js'
import { authorize } from '../access.js'
import { DEMO_TIME_ZONE, type DemoContext, type DemoServices, demoContext } from './demo-context.js'
import { seedCampaign, seedRecurring } from './demo-campaign.js'
import { seedEvents } from './demo-events.js'
import { seedIdeas } from './demo-ideas.js'
import { seedPolicy } from './demo-policy.js'
import { seedPosts } from './demo-posts.js'
import { seedPractice } from './demo-practice.js'

export const DEMO_LIBRARY_NAME = 'Exempelbiblioteket'
export const DEMO_PASSWORD = 'exempel-losenord'
export const DEMO_MEMBERS: { role: Role; email: string; name: string }[] = [
  { role: 'admin', email: 'ansvarig@exempelbiblioteket.se', name: 'Anna Ansvarig' },
  { role: 'editor', email: 'redaktor@exempelbiblioteket.se', name: 'Rasmus Redaktör' },
  { role: 'writer', email: 'skribent@exempelbiblioteket.se', name: 'Sara Skribent' },
  { role: 'responder', email: 'svarare@exempelbiblioteket.se', name: 'Sven Svarare' },
  { role: 'reader', email: 'lasare@exempelbiblioteket.se', name: 'Lena Läsare' },
]

/** `living`: the library at work (policy, plan, campaign, events); `members`: only its five members. */
export type DemoContent = 'living' | 'members'

export interface DemoSummary {
  created: boolean
  libraryId: string
  /** Scripted posts not made because no channel could honestly take them (see seedPosts). */
  deferredPosts: number
  ms: number
}

/**
 * The parts of the living library, in order: each may use what the ones
 * before made (the campaign is built on the imported festival). A part that
 * gives the library a channel that reaches no network (the practice channel)
 * goes first and sets `ctx.channelIds`; the posts then also reach approved
 * and scheduled. Ideas, practice conversations and the staff path are parts
 * of their own, added here.
 */
export const DEMO_PARTS: readonly {
  name: string
  seed: (ctx: DemoContext) => Promise<void | { deferred: number }>
}[] = [
  { name: 'policy', seed: seedPolicy },
  { name: 'practice', seed: seedPractice },
  { name: 'events', seed: seedEvents },
  { name: 'campaign', seed: seedCampaign },
  { name: 'recurring', seed: seedRecurring },
  { name: 'posts', seed: seedPosts },
  { name: 'ideas', seed: seedIdeas },
]

/** The live demo library: the one its Ansvarig is still Ansvarig of. */
export async function findDemoLibrary(
  repos: Pick<Repos, 'users' | 'memberships'>,
): Promise<string | undefined> {
  const admin = await repos.users.findByEmail(DEMO_MEMBERS[0]!.email)
  if (!admin) return undefined
  const libraries = await repos.memberships.listForUser(admin.id)
  return libraries.find((l) => l.libraryName === DEMO_LIBRARY_NAME && l.role === 'admin')?.libraryId
}

async function createLibrary(
  store: Store,
  now: Date,
  resetPasswords: boolean,
): Promise<{ libraryId: string; members: Record<Role, string> } | undefined> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return store.transaction(async (repos) => {
    // Asked again inside: a second process started with --demo at the same moment seeds nothing.
    if (await findDemoLibrary(repos)) return undefined
    const at = now.toISOString()
    const libraryId = newId()
    await repos.libraries.insert({
      id: libraryId,
      name: DEMO_LIBRARY_NAME,
      timeZone: DEMO_TIME_ZONE,
      locale: 'sv',
      now: at,
    })
    const members = {} as Record<Role, string>
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
          now: at,
        })
      } else if (resetPasswords) {
        await repos.users.update(userId, { name: member.name, passwordHash }, at)
      }
      await repos.memberships.insert({ libraryId, userId, role: member.role, now: at })
      members[member.role] = userId
    }
    return { libraryId, members }
  })
}

/**
 * Seeds Exempelbiblioteket with its five members and, unless only the members
 * are asked for, a library at work around today. Once: while the library
 * exists, running it again changes nothing.
 */
export async function seedDemo(
  services: DemoServices,
  options: { content?: DemoContent; now?: Date; resetPasswords?: boolean } = {},
): Promise<DemoSummary> {
  const started = performance.now()
  const now = options.now ?? new Date()
  const unchanged = (libraryId: string): DemoSummary => ({
    created: false,
    libraryId,
    deferredPosts: 0,
    ms: performance.now() - started,
  })
  const existing = await findDemoLibrary(services.store.repos)
  if (existing) return unchanged(existing)
  const created = await createLibrary(services.store, now, options.resetPasswords ?? false)
  if (!created) return unchanged((await findDemoLibrary(services.store.repos))!)
  const { libraryId, members } = created
  let deferredPosts = 0
  if ((options.content ?? 'living') === 'living') {
    const ctx = demoContext({ services, libraryId, members, now })
    try {
      for (const part of DEMO_PARTS) deferredPosts += (await part.seed(ctx))?.deferred ?? 0
    } catch (error) {
      // Half a demo would be mistaken for the whole one; the next run starts over.
      await retireDemoLibrary(services, libraryId, now)
      throw error
    }
  }
  return { created: true, libraryId, deferredPosts, ms: performance.now() - started }
}

/**
 * Takes the demo library out of use. Torget never deletes a library (its
 * audit log and public-records archive are kept by law, and the database
 * refuses it), so the library is renamed, its weekly turns paused and its
 * members taken out; what it held stays, unseen.
 */
export async function retireDemoLibrary(
  services: DemoServices,
  libraryId: string,
  now: Date,
): Promise<void> {
  const { store, recurringSlots } = services
  const admin = await store.repos.users.findByEmail(DEMO_MEMBERS[0]!.email)
  if (admin && (await store.repos.memberships.find(libraryId, admin.id))) {
    const access = await authorize(store.repos, admin.id, libraryId, 'recurring.manage')
    for (const slot of await recurringSlots.list(access))
      if (slot.active) await recurringSlots.update(access, slot.id, { active: false })
  }
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ')
  await store.transaction(async (repos) => {
    await repos.libraries.update(libraryId, {
      name: `${DEMO_LIBRARY_NAME} (avslutad demo ${stamp})`,
    })
    for (const member of await repos.memberships.listForLibrary(libraryId))
      await repos.memberships.delete(libraryId, member.userId)
  })
}

/** Starts the demo over: the old demo library retired, a new one seeded for the same five people. */
export async function resetDemo(
  services: DemoServices,
  options: { content?: DemoContent; now?: Date } = {},
): Promise<DemoSummary> {
  const now = options.now ?? new Date()
  const existing = await findDemoLibrary(services.store.repos)
  if (existing) await retireDemoLibrary(services, existing, now)
  return seedDemo(services, { ...options, now, resetPasswords: true })
}

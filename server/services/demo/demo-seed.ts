import type { Role } from '../../../core/roles.js'
import type { Repos, Store } from '../../repos/index.js'
import { hashPassword } from '../../security/passwords.js'
import { newId } from '../../security/tokens.js'
import { authorize } from '../access.js'
import {
  DEMO_TIME_ZONE,
  type DemoContext,
  type DemoTorget,
  demoCalendar,
  demoClock,
  demoContext,
} from './demo-context.js'
import { DEMO_LIBRARY_NAME, DEMO_MEMBERS, DEMO_PASSWORD, NEWCOMER } from './demo-members.js'
import { seedCampaign, seedRecurring } from './demo-campaign.js'
import { seedEvents } from './demo-events.js'
import { seedIdeas } from './demo-ideas.js'
import { seedPolicy } from './demo-policy.js'
import { seedPractice } from './demo-practice.js'

export { DEMO_LIBRARY_NAME, DEMO_MEMBERS, DEMO_PASSWORD, NEWCOMER } from './demo-members.js'

/** `living`: the library at work (policy, plan, campaign, events); `members`: only its five members. */
export type DemoContent = 'living' | 'members'

export interface DemoSummary {
  created: boolean
  libraryId: string
  ms: number
}

/**
 * The parts of the living library, in order: each may use what the ones
 * before made. The library starts nine weeks ago with its policy; the
 * practice part walks the clock through those weeks to today (Övningskanalen,
 * the plan, the conversations, the counts, the staff path); the rest is
 * today's: imported events, the festival campaign built on them, the weekly
 * turn, the ideas.
 */
export const DEMO_PARTS: readonly {
  name: string
  seed: (ctx: DemoContext) => Promise<unknown>
}[] = [
  { name: 'policy', seed: seedPolicy },
  { name: 'practice', seed: seedPractice },
  { name: 'events', seed: seedEvents },
  { name: 'campaign', seed: seedCampaign },
  { name: 'recurring', seed: seedRecurring },
  { name: 'ideas', seed: seedIdeas },
]

/** Where the living library's story begins: Monday morning nine weeks ago. */
export function demoHistoryStart(now: Date): Date {
  const calendar = demoCalendar(now)
  return calendar.at(calendar.weekday(-9, 1), '08:00')
}
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
    for (const member of [...DEMO_MEMBERS, { ...NEWCOMER, role: null }]) {
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
      // The newcomer joins later in the story, by invitation.
      if (!member.role) continue
      await repos.memberships.insert({ libraryId, userId, role: member.role, now: at })
      members[member.role] = userId
    }
    return { libraryId, members }
  })
}

/**
 * Seeds Exempelbiblioteket with its five members and, unless only the members
 * are asked for, a library at work around today. Once: while the library
 * exists, running it again changes nothing. Deterministic for a given `now`.
 */
export async function seedDemo(
  torget: DemoTorget,
  options: { content?: DemoContent; now?: Date; resetPasswords?: boolean } = {},
): Promise<DemoSummary> {
  const started = performance.now()
  const now = options.now ?? new Date()
  const living = (options.content ?? 'living') === 'living'
  const clock = demoClock(living ? demoHistoryStart(now) : now)
  const services = torget.servicesAt(clock)
  const unchanged = (libraryId: string): DemoSummary => ({
    created: false,
    libraryId,
    ms: performance.now() - started,
  })
  const existing = await findDemoLibrary(services.store.repos)
  if (existing) return unchanged(existing)
  const created = await createLibrary(services.store, clock.now(), options.resetPasswords ?? false)
  if (!created) return unchanged((await findDemoLibrary(services.store.repos))!)
  const { libraryId, members } = created
  if (living) {
    try {
      // Some thousands of writes: as one transaction they wait for the disk once (on
      // PostgreSQL, each commit waits for it), and a seed that fails leaves nothing behind.
      await torget.servicesInOneTransaction(clock, async (scoped) => {
        const ctx = demoContext({ services: scoped, clock, libraryId, members, now })
        for (const part of DEMO_PARTS) await part.seed(ctx)
      })
    } catch (error) {
      // The members alone would be mistaken for the whole demo; the next run starts over.
      await retireDemoLibrary(torget, libraryId, now)
      throw error
    }
  }
  return { created: true, libraryId, ms: performance.now() - started }
}

/**
 * Takes the demo library out of use. Torget never deletes a library (its
 * audit log and public-records archive are kept by law, and the database
 * refuses it), so the library is renamed, its weekly turns paused and its
 * members taken out; what it held stays, unseen.
 */
export async function retireDemoLibrary(
  torget: DemoTorget,
  libraryId: string,
  now: Date,
): Promise<void> {
  const { store, recurringSlots } = torget.servicesAt(demoClock(now))
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
  torget: DemoTorget,
  options: { content?: DemoContent; now?: Date } = {},
): Promise<DemoSummary> {
  const now = options.now ?? new Date()
  const existing = await findDemoLibrary(torget.servicesAt(demoClock(now)).store.repos)
  if (existing) await retireDemoLibrary(torget, existing, now)
  return seedDemo(torget, { ...options, now, resetPasswords: true })
}

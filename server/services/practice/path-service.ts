import { DomainError } from '../../../core/errors.js'
import {
  PATH_STEP_TITLES,
  PATH_STUCK_DAYS,
  type PathFacts,
  type PathStep,
  type PathStepState,
  lastMoveAt,
  nextStep,
  pathSteps,
} from '../../../core/practice/path.js'
import {
  PRACTICE_LESSONS,
  type PracticeLesson,
  movesToPrivateChannel,
} from '../../../core/practice/personas.js'
import { isBuiltInNetwork } from '../../../core/channels/networks.js'
import { type Role, can, roleSchema } from '../../../core/roles.js'
import type {
  MyPath,
  PathLessons,
  PathOverview,
  PracticeScript,
} from '../../../core/schemas/path.js'
import type { StrategyDocument } from '../../../core/schemas/strategy.js'
import { lessonOfRemoteId } from '../../adapters/practice/practice-adapter.js'
import { type Clock, systemClock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import type { ChannelService } from '../channel-service.js'
import { notify } from '../notification-service.js'
import { parseDocument } from '../strategy-view.js'

type PathRepos = 'practice' | 'strategy' | 'memberships' | 'channels' | 'notifications'

/** The short lessons, in the policy's own words: Svarshantering, Ton och tilltal, Riktlinjer. */
export function lessonsFrom(doc: StrategyDocument): PathLessons {
  const rules = doc.guidelines.rules as Record<string, { severity?: string }>
  return {
    responses: {
      responseTime: doc.responses.responseTime,
      whoAnswers: doc.responses.whoAnswers,
      complaints: doc.responses.complaints,
      personalMatters: doc.responses.personalMatters,
    },
    voice: {
      do: doc.voice.do,
      dont: doc.voice.dont,
      perAudience: doc.voice.perAudience,
    },
    guidelines: {
      forbiddenWords: doc.guidelines.forbiddenWords.map((w) => w.phrase),
      blocking: Object.entries(rules)
        .filter(([, r]) => r.severity === 'block')
        .map(([id]) => id),
    },
  }
}

/** Whether a member of `role` can take `step` at all: a reminder never asks the impossible. */
function takeable(step: PathStep, role: Role, realChannel: boolean): boolean {
  switch (step) {
    case 'policy':
      return true
    case 'practice_post':
      return can(role, 'practice.publish')
    case 'answers':
      return can(role, 'practice.answer')
    case 'approved_post':
      return can(role, 'posts.write')
    case 'real_post':
      return realChannel && can(role, 'posts.write')
  }
}

/**
 * The staff path: where each member stands, computed every time from what they
 * did in Torget (policy confirmations, published practice posts, answers to
 * the practice personas, approvals, published posts) — nothing is ticked by
 * hand, so a step is never marked done that was not done.
 */
export function pathService(deps: {
  store: StoreOf<PathRepos>
  channels: Pick<ChannelService, 'connect'>
  clock?: Clock
}) {
  const { store } = deps
  const clock = deps.clock ?? systemClock
  const repo = store.repos.practice

  /** The library's practice channel, and whether it has one reaching a real network. */
  async function channelsOf(libraryId: string) {
    const live = (await store.repos.channels.list(libraryId)).filter((c) => !c.deleted_at)
    return {
      practiceChannelId: live.find((c) => c.network === 'practice')?.id ?? null,
      realChannel: live.some((c) => !isBuiltInNetwork(c.network)),
    }
  }

  /** Every member's facts in a handful of queries, one per kind of event. */
  async function factsFor(libraryId: string) {
    const [current, reads, posts, answers, approvals, realPosts] = await Promise.all([
      store.repos.strategy.currentVersion(libraryId),
      repo.policyReads(libraryId),
      repo.firstPracticePosts(libraryId),
      repo.practiceAnswers(libraryId),
      repo.firstApprovalsByColleague(libraryId),
      repo.firstRealPosts(libraryId),
    ])
    const at = (rows: readonly { author_id: string; at: unknown }[]) =>
      new Map(rows.map((r) => [r.author_id, r.at ? String(r.at) : null]))
    const postsAt = at(posts)
    const approvalsAt = at(approvals)
    const realAt = at(realPosts)
    const answered = new Map<string, Record<PracticeLesson, string | null>>()
    const inPublic = new Set<string>()
    for (const a of answers) {
      const lesson = lessonOfRemoteId(a.remote_id)
      if (!lesson || !(PRACTICE_LESSONS as readonly string[]).includes(lesson)) continue
      const mine =
        answered.get(a.author_id) ??
        ({ question: null, complaint: null, personal: null } as Record<
          PracticeLesson,
          string | null
        >)
      answered.set(a.author_id, mine)
      // A personal matter counts only when the answer moves it to e-mail or phone.
      if (lesson === 'personal' && !movesToPrivateChannel(a.text)) {
        if (!mine.personal) inPublic.add(a.author_id)
        continue
      }
      mine[lesson as PracticeLesson] ??= a.published_at ? String(a.published_at) : null
      if (lesson === 'personal') inPublic.delete(a.author_id)
    }
    return (userId: string): PathFacts => {
      const own = reads.filter((r) => r.user_id === userId)
      const confirmed = current ? own.find((r) => r.version_id === current.id) : undefined
      return {
        policy: {
          approved: Boolean(current),
          confirmedAt: confirmed ? String(confirmed.read_at) : null,
          confirmedOlder: !confirmed && own.length > 0,
        },
        firstPracticePostAt: postsAt.get(userId) ?? null,
        answered: answered.get(userId) ?? { question: null, complaint: null, personal: null },
        personalAnsweredInPublic: inPublic.has(userId),
        approvedByColleagueAt: approvalsAt.get(userId) ?? null,
        realPostAt: realAt.get(userId) ?? null,
      }
    }
  }

  const doneCount = (steps: readonly PathStepState[]) => steps.filter((s) => s.doneAt).length

  return {
    async mine(access: LibraryAccess<'path.read'>): Promise<MyPath> {
      const [facts, current, channels] = await Promise.all([
        factsFor(access.libraryId),
        store.repos.strategy.currentVersion(access.libraryId),
        channelsOf(access.libraryId),
      ])
      const f = facts(access.userId)
      const steps = pathSteps(f)
      return {
        steps,
        next: nextStep(steps),
        policy: current
          ? {
              versionId: current.id,
              number: current.number,
              confirmedAt: f.policy.confirmedAt,
              confirmedOlder: f.policy.confirmedOlder,
            }
          : null,
        answers: f.answered,
        personalAnsweredInPublic: f.personalAnsweredInPublic,
        lessons: current ? lessonsFrom(parseDocument(current.document)) : null,
        ...channels,
        canPractice: can(access.role, 'practice.publish'),
      }
    },

    /**
     * Whether the member's answers on real channels wait for a colleague's approval: someone
     * invited onto the staff path who has not yet answered the practice personas (the step
     * where the path teaches answering) is new at it. Members never invited are not held back.
     */
    async repliesNeedApproval(libraryId: string, userId: string): Promise<boolean> {
      const invitations = await repo.invitations(libraryId)
      if (!invitations.some((i) => i.user_id === userId)) return false
      const steps = pathSteps((await factsFor(libraryId))(userId))
      return !steps.find((s) => s.step === 'answers')?.doneAt
    },

    /** Every current member and their steps; someone who left the library is simply not listed. */
    async overview(access: LibraryAccess<'path.manage'>): Promise<PathOverview> {
      const [facts, members, invitations, channels] = await Promise.all([
        factsFor(access.libraryId),
        store.repos.memberships.listForLibrary(access.libraryId),
        repo.invitations(access.libraryId),
        channelsOf(access.libraryId),
      ])
      const invited = new Map(invitations.map((i) => [i.user_id, String(i.invited_at)]))
      return {
        members: members.map((m) => {
          const steps = pathSteps(facts(m.userId))
          return {
            userId: m.userId,
            name: m.name,
            role: roleSchema.parse(m.role),
            steps,
            done: doneCount(steps),
            invitedAt: invited.get(m.userId) ?? null,
          }
        }),
        practiceChannelId: channels.practiceChannelId,
      }
    },

    /**
     * Invites every member who has not walked the whole path: each is told once
     * in the bell (and so in the daily digest); inviting again tells only those
     * not told before.
     */
    async inviteAll(access: LibraryAccess<'path.manage'>): Promise<{ invited: number }> {
      const now = clock.now().toISOString()
      const facts = await factsFor(access.libraryId)
      const members = await store.repos.memberships.listForLibrary(access.libraryId)
      return store.transaction(async (repos) => {
        const told: string[] = []
        for (const m of members) {
          if (m.userId === access.userId) continue
          if (doneCount(pathSteps(facts(m.userId))) === 5) continue
          if (await repos.practice.invite(access.libraryId, m.userId, access.userId, now))
            told.push(m.userId)
        }
        await notify(repos, {
          libraryId: access.libraryId,
          postId: null,
          actorId: access.userId,
          kind: 'path_invited',
          excerpt: '',
          userIds: told,
          at: now,
        })
        return { invited: told.length }
      })
    },

    /**
     * Reminds every member invited onto the path who has not moved on for
     * PATH_STUCK_DAYS, in the bell (and so in the daily digest): once for the
     * step they stand at, whenever the sweep runs and however often. A step
     * they cannot take (their role, or no real channel yet) is not asked of
     * them. Returns how many were reminded (in every library, or `only` one).
     */
    async remindStuck(only?: { libraryId: string }): Promise<number> {
      const now = clock.now()
      const limit = now.getTime() - PATH_STUCK_DAYS * 24 * 3_600_000
      let reminded = 0
      const libraries = only ? [only.libraryId] : await repo.librariesWithInvitations()
      for (const libraryId of libraries) {
        const [facts, members, invitations, { realChannel }] = await Promise.all([
          factsFor(libraryId),
          store.repos.memberships.listForLibrary(libraryId),
          repo.invitations(libraryId),
          channelsOf(libraryId),
        ])
        const invited = new Map(invitations.map((i) => [i.user_id, String(i.invited_at)]))
        const due: { userId: string; step: PathStep; locale: string }[] = []
        for (const m of members) {
          const invitedAt = invited.get(m.userId)
          if (!invitedAt) continue
          const steps = pathSteps(facts(m.userId))
          const step = nextStep(steps)
          if (!step || !takeable(step, roleSchema.parse(m.role), realChannel)) continue
          if (Date.parse(lastMoveAt(steps, invitedAt)) > limit) continue
          due.push({ userId: m.userId, step, locale: m.locale })
        }
        if (due.length === 0) continue
        reminded += await store.transaction(async (repos) => {
          let told = 0
          for (const d of due) {
            if (!(await repos.practice.remind(libraryId, d.userId, d.step, now.toISOString())))
              continue
            await notify(repos, {
              libraryId,
              postId: null,
              actorId: null,
              kind: 'path_stuck',
              excerpt: PATH_STEP_TITLES[d.step][d.locale === 'en' ? 'en' : 'sv'],
              userIds: [d.userId],
              at: now.toISOString(),
            })
            told++
          }
          return told
        })
      }
      return reminded
    },

    /** Turns on the library's practice channel; turning it on again answers the same channel. */
    async enablePractice(access: LibraryAccess<'channels.manage'>) {
      return deps.channels.connect(access, 'practice', { library: access.libraryId })
    },

    async scripts(access: LibraryAccess<'path.read'>): Promise<PracticeScript[]> {
      return (await repo.scripts(access.libraryId)).map((s) => ({
        id: s.id,
        lesson: s.lesson as PracticeLesson,
        personaName: s.persona_name,
        text: s.text,
        createdAt: String(s.created_at),
      }))
    },

    async addScript(
      access: LibraryAccess<'path.manage'>,
      input: { lesson: PracticeLesson; personaName: string; text: string },
    ): Promise<PracticeScript> {
      const row = {
        id: newId(),
        library_id: access.libraryId,
        lesson: input.lesson,
        persona_name: input.personaName,
        text: input.text,
        created_by: access.userId,
        created_at: clock.now().toISOString(),
      }
      await repo.insertScript(row)
      return { id: row.id, ...input, createdAt: row.created_at }
    },

    async deleteScript(access: LibraryAccess<'path.manage'>, id: string): Promise<void> {
      if (!(await repo.deleteScript(access.libraryId, id)))
        throw new DomainError('practice_script_not_found')
    },
  }
}
export type PathService = ReturnType<typeof pathService>

import { z } from 'zod'
import { PATH_STEPS } from '../practice/path.js'
import { PRACTICE_LESSONS, practiceLessonSchema } from '../practice/personas.js'
import { roleSchema } from '../roles.js'
import { idSchema } from './common.js'

/*
 * The staff path (prova → utbilda → bli trygga): each member's steps, computed
 * from what they did in Torget, the short lessons taken from the library's own
 * policy, and the Ansvarig's overview.
 */

const stepSchema = z.object({
  step: z.enum(PATH_STEPS),
  doneAt: z.string().nullable(),
})

const line = z.string()
/** The policy's own words for each lesson; empty where the policy says nothing. */
export const pathLessonsSchema = z
  .object({
    /** Svarshantering. */
    responses: z.object({
      responseTime: line,
      whoAnswers: line,
      complaints: line,
      personalMatters: line,
    }),
    /** Ton och tilltal. */
    voice: z.object({
      do: z.array(line),
      dont: z.array(line),
      perAudience: z.array(z.object({ audience: line, voice: line })),
    }),
    /** Riktlinjer: the words the policy asks to avoid, and the checks that stop a post. */
    guidelines: z.object({
      forbiddenWords: z.array(line),
      blocking: z.array(line),
    }),
  })
  .meta({ id: 'PathLessons' })
export type PathLessons = z.infer<typeof pathLessonsSchema>

export const myPathSchema = z
  .object({
    steps: z.array(stepSchema),
    next: z.enum(PATH_STEPS).nullable(),
    policy: z
      .object({
        versionId: idSchema,
        number: z.number().int(),
        confirmedAt: z.string().nullable(),
        /** Confirmed an earlier version: a new one asks again. */
        confirmedOlder: z.boolean(),
      })
      .nullable(),
    answers: z.object(
      Object.fromEntries(PRACTICE_LESSONS.map((l) => [l, z.string().nullable()])) as Record<
        (typeof PRACTICE_LESSONS)[number],
        z.ZodNullable<z.ZodString>
      >,
    ),
    /** A personal matter was answered without moving it to e-mail or phone. */
    personalAnsweredInPublic: z.boolean(),
    lessons: pathLessonsSchema.nullable(),
    practiceChannelId: idSchema.nullable(),
    /** The library has a channel that reaches a real network: the last step can be taken. */
    realChannel: z.boolean(),
    /** May publish practice posts and answer practice comments themselves. */
    canPractice: z.boolean(),
  })
  .meta({ id: 'MyPath' })
export type MyPath = z.infer<typeof myPathSchema>

export const pathOverviewSchema = z
  .object({
    members: z.array(
      z.object({
        userId: idSchema,
        name: z.string(),
        role: roleSchema,
        steps: z.array(stepSchema),
        done: z.number().int(),
        invitedAt: z.string().nullable(),
      }),
    ),
    practiceChannelId: idSchema.nullable(),
  })
  .meta({ id: 'PathOverview' })
export type PathOverview = z.infer<typeof pathOverviewSchema>

export const practiceScriptSchema = z
  .object({
    id: idSchema,
    lesson: practiceLessonSchema,
    personaName: z.string(),
    text: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'PracticeScript' })
export type PracticeScript = z.infer<typeof practiceScriptSchema>

export const newPracticeScriptSchema = z
  .strictObject({
    lesson: practiceLessonSchema,
    personaName: z.string().trim().min(1).max(60),
    text: z.string().trim().min(1).max(400),
  })
  .meta({ id: 'NewPracticeScript' })

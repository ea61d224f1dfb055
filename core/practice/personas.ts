import { z } from 'zod'

/**
 * What a practice persona's comment trains: a question to answer, a complaint
 * to meet calmly, a personal matter to move to e-mail or phone (the
 * Svarshantering section of every policy asks for all three).
 */
export const PRACTICE_LESSONS = ['question', 'complaint', 'personal'] as const
export const practiceLessonSchema = z.enum(PRACTICE_LESSONS)
export type PracticeLesson = z.infer<typeof practiceLessonSchema>

export interface PracticeLine {
  lesson: PracticeLesson
  persona: string
  personaName: string
  text: string
}

/** The built-in personas, one per lesson, each with a few lines so a second post reads fresh. */
export const BUILT_IN_LINES: Record<PracticeLesson, readonly PracticeLine[]> = {
  question: [
    {
      lesson: 'question',
      persona: 'maja',
      personaName: 'Maja Läsglad',
      text: 'Hej! Har ni lättlästa böcker för vuxna, och går det att reservera dem i appen?',
    },
    {
      lesson: 'question',
      persona: 'maja',
      personaName: 'Maja Läsglad',
      text: 'Vad roligt! Är det här öppet för alla, eller måste man anmäla sig i förväg?',
    },
    {
      lesson: 'question',
      persona: 'maja',
      personaName: 'Maja Läsglad',
      text: 'Hur länge får man låna e-böcker hos er? Jag hittar inte svaret på webben.',
    },
  ],
  complaint: [
    {
      lesson: 'complaint',
      persona: 'bengt',
      personaName: 'Bengt Bister',
      text: 'Tredje gången den här månaden som självutlåningen är trasig. Varför ska man ens gå till er?',
    },
    {
      lesson: 'complaint',
      persona: 'bengt',
      personaName: 'Bengt Bister',
      text: 'Det är alldeles för stökigt i tidningshörnan på eftermiddagarna. Gör något åt det!',
    },
    {
      lesson: 'complaint',
      persona: 'bengt',
      personaName: 'Bengt Bister',
      text: 'Ni har kortat öppettiderna igen utan att säga något. Det här är inte okej.',
    },
  ],
  personal: [
    {
      lesson: 'personal',
      persona: 'sara',
      personaName: 'Sara Svensson',
      text: 'Jag har fått ett krav på 450 kr för en bok jag lämnade tillbaka i mars. Kan ni kolla mitt lånekort?',
    },
    {
      lesson: 'personal',
      persona: 'sara',
      personaName: 'Sara Svensson',
      text: 'Min son har tappat sitt lånekort och någon kan ha lånat på det. Vad gör vi nu?',
    },
    {
      lesson: 'personal',
      persona: 'sara',
      personaName: 'Sara Svensson',
      text: 'Jag flyttar snart och behöver byta adress på mitt konto. Kan ni ändra det åt mig?',
    },
  ],
}

/**
 * The line a persona says under the library's n-th practice post: the library's
 * own lines take turns with the built-in ones.
 */
export function pickLine(
  lesson: PracticeLesson,
  own: readonly PracticeLine[],
  n: number,
): PracticeLine {
  const lines = [...BUILT_IN_LINES[lesson], ...own.filter((l) => l.lesson === lesson)]
  return lines[((n % lines.length) + lines.length) % lines.length]!
}

/** The persona that thanks the library once a personal matter has been moved out of public view. */
export const THANKS_LINE = {
  persona: 'sara',
  personaName: 'Sara Svensson',
  text: 'Tack, då hör jag av mig dit i stället!',
} as const

/**
 * Whether an answer moves the matter out of public view, as the policy asks for
 * personal matters: it points to e-mail or phone (a word or an address).
 */
export function movesToPrivateChannel(text: string): boolean {
  return /(e-?post|e-?mail|mejl|mail|ring\b|ringa|telefon|tel\.|[\w.+-]+@[\w-]+\.[a-z]{2,})/i.test(
    text,
  )
}

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

/**
 * Övningskanalen's audience: people who like and follow but never write (the
 * three lesson personas do the writing). One more arrives with each practice
 * post and follows; each post is liked by about two in three of those who
 * have arrived. So Statistik and Stegen have something to show while the
 * staff practise, and the same posts always meet the same people.
 */
export const PRACTICE_AUDIENCE: readonly { persona: string; personaName: string }[] = [
  ['ali', 'Ali Hassan'],
  ['britt', 'Britt Holm'],
  ['cecilia', 'Cecilia Ek'],
  ['david', 'David Lind'],
  ['elin', 'Elin Strand'],
  ['fatima', 'Fatima Said'],
  ['gustav', 'Gustav Berg'],
  ['hanna', 'Hanna Nyström'],
  ['ibrahim', 'Ibrahim Kaya'],
  ['johanna', 'Johanna Ström'],
  ['karin', 'Karin Lund'],
  ['leo', 'Leo Sandberg'],
  ['mirja', 'Mirja Koskinen'],
  ['nils', 'Nils Åberg'],
  ['olivia', 'Olivia Falk'],
  ['per', 'Per Eriksson'],
  ['rut', 'Rut Dahl'],
  ['samir', 'Samir Haddad'],
  ['tilda', 'Tilda Vik'],
  ['ulla', 'Ulla Björk'],
  ['viktor', 'Viktor Hed'],
  ['wilma', 'Wilma Sjö'],
  ['yasmin', 'Yasmin Ali'],
  ['asa', 'Åsa Lindqvist'],
].map(([persona, personaName]) => ({ persona: `publik-${persona}`, personaName: personaName! }))

/** The audience's part under the library's n-th practice post (0 the first). */
export function audienceFor(n: number): {
  newcomer: (typeof PRACTICE_AUDIENCE)[number] | null
  likers: (typeof PRACTICE_AUDIENCE)[number][]
} {
  const arrived = PRACTICE_AUDIENCE.slice(0, Math.max(0, Math.min(n, PRACTICE_AUDIENCE.length)))
  return {
    newcomer: n >= 1 ? (PRACTICE_AUDIENCE[n - 1] ?? null) : null,
    likers: arrived.filter((_, k) => (k + n) % 3 !== 0),
  }
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

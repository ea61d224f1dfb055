import { TYPICAL_OPENING_HOURS } from '../../../core/inbox/response-time.js'
import { type StrategyDocument, strategyDocumentSchema } from '../../../core/schemas/strategy.js'
import { starterStrategy } from '../../../core/strategy/starter.js'
import type { DemoContext } from './demo-context.js'

/** Torget's starter text made Exempelbiblioteket's own: what a library has after its workshop. */
export function demoStrategy(ctx: Pick<DemoContext, 'today'>): StrategyDocument {
  const starter = starterStrategy()
  const year = Number(ctx.today.slice(0, 4))
  return strategyDocumentSchema.parse({
    ...starter,
    why: {
      ...starter.why,
      mission:
        'Exempelbiblioteket finns för alla som bor, arbetar och studerar i kommunen. Vi är i sociala medier för att visa vad biblioteket kan göra för var och en, för att samtala med dem vi finns till för och för att nå dem som ännu inte hittat hit.',
    },
    goals: starter.goals.map((goal, i) => ({
      ...goal,
      deadline: `${year + (i === 2 ? 1 : 0)}-06-30`,
    })),
    planning: {
      rhythm:
        'Vi planerar en månad i taget på arbetsplatsträffen sista tisdagen i månaden. Veckans bok går ut på fredagar och Veckans fråga på måndagar. Varje vecka har minst ett inlägg som frågar eller bjuder in.',
      peaks:
        'Årets största topp är Bokfestivalen i december: uppvärmning två veckor innan, festivaldagen och ett tack efteråt. Fler toppar: sommarlovet, Bokens dag och höstlovet.',
    },
    responses: {
      ...starter.responses,
      responseTime: 'Inom åtta timmar som biblioteket har öppet',
      whoAnswers:
        'Svararen för veckan (i dag Sven) svarar i Inkorgen. Alla i personalen får svara på enkla frågor om öppettider, lån och program.',
      target: { hours: 8, workingHoursOnly: true, openingHours: TYPICAL_OPENING_HOURS },
    },
    roles: [
      {
        who: 'Alla i personalen',
        participate:
          'Fångar upp varsin pusselbit: en fråga vid disken, ett boktips, en bild från sagostunden.',
        respond: 'Svarar på enkla frågor om öppettider, lån och program.',
        inform: 'Berättar i fikarummet vad som händer i kanalerna och vad besökarna frågar om.',
      },
      {
        who: 'Skribenter',
        participate: 'Skriver utkast enligt planen och skickar dem till granskning.',
        respond: 'Svarar på kommentarer på sina egna inlägg samma dag.',
        inform: 'Lämnar idéer och bilder till redaktören.',
      },
      {
        who: 'Redaktörer',
        participate: 'Planerar månaden, granskar och godkänner inlägg, håller ihop kampanjerna.',
        respond: 'Har kanalbevakning varannan vecka och tar frågor som Svararen lämnar vidare.',
        inform: 'Visar månadens siffror på arbetsplatsträffen.',
      },
      {
        who: 'Svarare',
        participate: 'Läser Inkorgen varje öppetdag och taggar det som kommer in.',
        respond:
          'Svarar inom åtta öppettimmar; personliga ärenden flyttas till e-post eller disken.',
        inform: 'Samlar vanliga frågor till nästa arbetsplatsträff.',
      },
      {
        who: 'Ansvarig för sociala medier',
        participate: 'Håller ihop strategin och policyn och godkänner nya versioner.',
        respond: 'Tar emot klagomål och det som eskaleras.',
        inform: 'Rapporterar till bibliotekschefen och kulturnämnden två gånger per år.',
      },
    ],
  })
}

/** Saves the strategy, makes version 1 of it and approves it: the policy every member reads (and confirms, in the practice part). */
export async function seedPolicy(ctx: DemoContext): Promise<void> {
  const { strategy } = ctx.services
  const editor = await ctx.as('editor', 'strategy.write')
  const saved = await strategy.saveDraft(editor, { version: 0, document: demoStrategy(ctx) })
  const version = await strategy.createVersion(editor, {
    draftVersion: saved.version,
    note: 'Från workshopen: roller, svarshantering och ton och tilltal',
  })
  await strategy.approve(await ctx.as('admin', 'strategy.approve'), version.id)
}

import { DEFAULT_POLICY } from '../guidelines/policy.js'
import { DEFAULT_RESPONSE_TARGET } from '../inbox/response-time.js'
import type { StrategyDocument } from '../schemas/strategy.js'

/**
 * Where a library's strategy starts: the workshop's sections filled in with
 * plain Swedish written for a public library, to be edited rather than
 * written from a blank page. Brackets mark what each library must fill in.
 */
export function starterStrategy(): StrategyDocument {
  return {
    why: {
      mission:
        'Biblioteket finns för alla som bor, arbetar och studerar i kommunen. Vi är i sociala medier för att nå fler, visa vad biblioteket kan göra för var och en och för att samtala med dem vi finns till för – inte bara informera dem. Det hör till vårt uppdrag att främja läsning, bildning och fri åsiktsbildning, och människor söker i dag information och inspiration på nätet.',
      strengths: [
        'Vårt uppdrag: läsning, folkbildning och fri tillgång till information',
        'Vi möter många människor varje dag och vet vad de frågar efter',
        'Vi skapar mötesplatser: sagostunder, språkcaféer, författarbesök',
        'Vi har kunskap om böcker, källor och digital delaktighet',
        'Vi vill nå fler, också de som inte besöker biblioteket i dag',
      ],
      weaknesses: [
        'Alla i personalgruppen känner sig inte trygga i sociala medier',
        'Arbetet vilar på ett fåtal personer och står still när de är lediga',
        'Vi saknar en gemensam bild av varför digital kommunikation är viktig',
        'Vi informerar mer än vi frågar och samtalar',
      ],
    },
    goals: [
      {
        goal: 'Fler följer biblioteket på våra kanaler',
        metric: 'Antal följare totalt',
        target: 1500,
        unit: 'följare',
        deadline: `${new Date().getFullYear()}-12-31`,
        measure: { metric: 'followers', scope: { kind: 'all' } },
      },
      {
        goal: 'Fler samtal: minst vart tredje inlägg frågar, bjuder in eller svarar',
        metric: 'Andel inlägg som bjuder in till samtal',
        target: 33,
        unit: '%',
        deadline: `${new Date().getFullYear()}-12-31`,
        measure: null,
      },
      {
        goal: 'Alla frågor i våra kanaler får svar inom en arbetsdag',
        metric: 'Andel frågor besvarade inom en arbetsdag',
        target: 95,
        unit: '%',
        deadline: `${new Date().getFullYear()}-06-30`,
        measure: { metric: 'answered_within_target', scope: { kind: 'all' } },
      },
    ],
    audiences: [
      {
        name: 'Allmänheten',
        description: 'Vuxna låntagare och de som ännu inte är låntagare.',
        channels: ['Facebook', 'Instagram', 'Webbplatsen', 'Nyhetsbrevet'],
        tone: 'Vänlig, tydlig och personlig. Vi skriver som vi pratar vid disken.',
      },
      {
        name: 'Unga',
        description: 'Unga mellan 13 och 19 år.',
        channels: ['Instagram'],
        tone: 'Avslappnad och nyfiken, korta meningar. Vi låtsas inte vara unga själva.',
      },
      {
        name: 'Föräldrar till små barn',
        description: 'Föräldrar och andra vuxna som läser med barn 0–6 år.',
        channels: ['Facebook', 'Instagram'],
        tone: 'Varm och praktisk: vad som händer, när och hur man är med.',
      },
      {
        name: 'Beslutsfattare och samarbetspartner',
        description: 'Politiker, skolor, föreningar och andra förvaltningar.',
        channels: ['LinkedIn', 'Nyhetsbrevet'],
        tone: 'Saklig och formell. Vi visar fakta och resultat.',
      },
    ],
    channels: [
      {
        channel: 'Facebook',
        why: 'Här finns många av våra vuxna låntagare och föräldrar.',
        forWhom: 'Allmänheten, föräldrar',
        frequency: '3–4 inlägg i veckan',
      },
      {
        channel: 'Instagram',
        why: 'Bilder och korta filmer visar biblioteket inifrån och når yngre.',
        forWhom: 'Unga, föräldrar, allmänheten',
        frequency: '3 inlägg i veckan och berättelser när något händer',
      },
      {
        channel: 'Bluesky och Mastodon',
        why: 'Öppna nätverk där vi når bibliotekskollegor, journalister och en engagerad publik.',
        forWhom: 'Allmänheten, samarbetspartner',
        frequency: '2–3 inlägg i veckan',
      },
    ],
    planning: {
      rhythm:
        'Vi planerar en månad i taget på ett kort möte den sista veckan i månaden. Varje vecka har minst ett inlägg som frågar eller bjuder in. "Veckans bok" publiceras på fredagar.',
      peaks:
        'Vi samlar krafterna kring några toppar per år, till exempel sommarlovet, Bokens dag och höstlovet: uppvärmning två veckor innan, toppen, och en uppföljning efteråt.',
    },
    content: {
      pillars: [
        {
          name: 'Läsglädje',
          description: 'Boktips från personalen, veckans mest lånade bok, nya böcker.',
        },
        {
          name: 'Hända på biblioteket',
          description: 'Program, sagostunder, språkcaféer och utställningar.',
        },
        {
          name: 'Bakom kulisserna',
          description: 'Människorna som arbetar här och vad som händer innan dörrarna öppnar.',
        },
        {
          name: 'Digital vardag',
          description: 'Hjälp med e-tjänster, källkritik och e-böcker.',
        },
      ],
      recipes: [
        {
          name: 'Prata, fråga, involvera',
          description:
            'Ställ en enkel fråga: "Vilken bok läste du i somras?" Svara på kommentarerna och tacka.',
        },
        {
          name: 'Veckans bok',
          description: 'Veckans mest lånade bok med en mening om varför så många vill läsa den.',
        },
        {
          name: 'Omröstning',
          description: 'Låt följarna välja nästa tema för bokbordet eller cirkeln.',
        },
      ],
    },
    responses: {
      responseTime: 'Inom en arbetsdag, vardagar 8–17',
      whoAnswers:
        'Den som har kanalbevakning den veckan svarar. Alla i personalen får svara på enkla frågor om öppettider och lån.',
      escalation:
        'Frågor vi inte kan svara på lämnas till ansvarig för sociala medier samma dag. Frågor om beslut och policy går till bibliotekschefen.',
      complaints:
        'Vi tackar för synpunkten, svarar sakligt och berättar vad som händer härnäst. Klagomål registreras enligt kommunens rutin för synpunkter.',
      threats:
        'Hot, hat och kränkningar tas bort, sparas som skärmbild och anmäls till chefen. Vid hot mot person kontaktas polisen. Vi förklarar kort varför ett inlägg har tagits bort.',
      personalMatters:
        'Frågor om lånekonto, avgifter eller andra personliga uppgifter besvaras aldrig öppet. Vi hänvisar till telefon, e-post eller disken.',
      target: { ...DEFAULT_RESPONSE_TARGET },
    },
    measurement: {
      kpis: [
        { name: 'Följare per kanal', target: 'Ökar varje kvartal', howOften: 'Varje månad' },
        {
          name: 'Kommentarer och svar',
          target: 'Fler än förra året',
          howOften: 'Varje månad',
        },
        { name: 'Delningar', target: 'Fler än förra året', howOften: 'Varje kvartal' },
        { name: 'Svarstid', target: 'Under en arbetsdag', howOften: 'Varje månad' },
      ],
    },
    roles: [
      {
        who: 'Alla i personalen',
        participate: 'Tipsar om innehåll, gillar och delar, tar bilder när något händer.',
        respond: 'Svarar på enkla frågor om öppettider och lån.',
        inform: 'Berättar för kollegorna vad som händer i kanalerna.',
      },
      {
        who: 'Redaktörer',
        participate: 'Planerar, skriver och publicerar enligt planen.',
        respond: 'Har kanalbevakning enligt schema.',
        inform: 'Rapporterar mätningen varje månad.',
      },
      {
        who: 'Ansvarig för sociala medier',
        participate: 'Håller ihop strategin och policyn.',
        respond: 'Tar emot frågor som eskaleras.',
        inform: 'Informerar ledningen och politiken två gånger per år.',
      },
    ],
    voice: {
      perAudience: [
        { audience: 'Allmänheten', voice: 'Du-tilltal, vänligt och enkelt.' },
        { audience: 'Unga', voice: 'Kort och rakt, gärna med en fråga. Få emojier.' },
        {
          audience: 'Beslutsfattare och samarbetspartner',
          voice: 'Sakligt och formellt, utan slang och utropstecken.',
        },
      ],
      do: [
        'Skriv du, inte ni',
        'Skriv kort och börja med det viktigaste',
        'Fråga och bjud in till samtal',
        'Skriv alt-text till alla bilder',
        'Skriv hashtaggar med stor bokstav i varje ord, sist i inlägget: #SommarLov',
      ],
      dont: [
        'Skriv aldrig personuppgifter om låntagare',
        'Använd inte förkortade länkar',
        'Skriv inte med versaler för att betona',
        'Ta inte ställning i partipolitiska frågor',
      ],
      examples: [
        {
          text: 'Vilken bok fick dig att börja läsa? Berätta i kommentarerna! #Läslust',
          comment: 'Bra: en fråga som är lätt att svara på.',
        },
        {
          text: 'Nu finns nya böcker på hyllan. Välkomna!',
          comment: 'Kan bli bättre: berätta vilka böcker och fråga något.',
        },
      ],
    },
    guidelines: {
      ...structuredClone(DEFAULT_POLICY),
      forbiddenWords: [
        {
          phrase: 'brukare',
          reason: 'Vi skriver om de människor vi möter som besökare eller låntagare.',
          instead: 'besökare',
          exact: false,
        },
        {
          phrase: 'handikappad',
          reason: 'Socialstyrelsens termbank: skriv om personen, inte om nedsättningen.',
          instead: 'person med funktionsnedsättning',
          exact: false,
        },
      ],
      allowedContacts: [],
    },
  }
}

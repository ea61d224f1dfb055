import { post } from '../types.js'

/**
 * Written and labelled after the rules were tuned on the other files, and
 * first run unchanged: the honest measure of how the rules do on new text.
 * Kept apart from the tuning posts (`../index.ts`) and reported on their own.
 * Two labels were corrected later (held-08, held-22): a function mailbox such
 * as eboken@ is not personal data, and the rule was changed to agree.
 */
export const HELD_OUT_POSTS = [
  post(
    'held-01',
    'Bokcirkel för seniorer varje torsdag kl. 14. Vi läser långsamt och pratar mycket. Kaffe finns! ☕',
    ['conversation-starter'],
  ),
  post(
    'held-02',
    'Ring 0980-319 200 för att boka bokbussen till förskolan, eller fråga chauffören Leif på 070-174 06 18.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '070-174 06 18']] },
  ),
  post(
    'held-03',
    'Vilken är din favorit bland årets julkalenderböcker? 🎄📖 #Julkalender #Barnböcker',
    [],
  ),
  post('held-04', 'Grattis till Elsa 7 år som har läst 50 böcker i sommar! 🥳🎉📚🏆', [
    'emoji-count',
    'conversation-starter',
  ]),
  post(
    'held-05',
    'Påskpyssel 2–5 april kl. 13–15. Vi målar ägg och gör påskris. Passar alla åldrar.',
    ['conversation-starter'],
  ),
  post(
    'held-06',
    'Lånekortet med nummer 19780901-3969 hittades vid kaffeautomaten.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '19780901-3969']] },
  ),
  post('held-07', 'Öppettider i påsk: skärtorsdag 10–15, långfredag–annandag påsk stängt.', []),
  post(
    'held-08',
    'Frågor om e-böcker? Skriv till eboken@exempelkommun.se så svarar vi inom en vecka.',
    [],
  ),
  post(
    'held-09',
    'Nu kan du låna cyklar, symaskiner och verktyg på biblioteket. Vad mer borde man kunna låna här?',
    [],
  ),
  post(
    'held-10',
    'Idiotiskt kul quiz om kända romanfigurer på fredag! Vilken figur skulle du vara?',
    [],
  ),
  post(
    'held-11',
    'Läs mer om läsfrämjande på https://www.kb.se och i vår egen guide https://exempelbiblioteket.se/guide',
    ['conversation-starter'],
  ),
  post('held-12', 'https://bit.ly/bibliotek-host #Bibliotek', ['url-shortener', 'bare-url']),
  post(
    'held-13',
    'Vet du att du kan låna ljudböcker i appen? Du loggar in med lånekortsnummer och pinkod.',
    [],
  ),
  post(
    'held-14',
    'Vi har fått en donation på 25 000 kr från Sparbanksstiftelsen. Tack! Pengarna går till böcker på lätt svenska.',
    ['conversation-starter'],
  ),
  post('held-15', 'Kolla in vårt nya studierum!!! Det är SUPERBRA och MEGAMYSIGT!!! 😍😍😍😍', [
    'tone',
    'emoji-count',
    'conversation-starter',
  ]),
  post(
    'held-16',
    'Bokcirkeln för unga läser Hungerspelen i mars. Vem är din favoritkaraktär? #bokcirkel',
    ['hashtags'],
    { audience: 'unga' },
  ),
  post(
    'held-17',
    'Telefonkatalogen från 1985 finns i lokalhistoriska samlingen. Där står nummer som 0498-123 45 till gamla gårdar. Vad letar du efter?',
    ['personal-data'],
    { personalData: [['phone', '0498-123 45']] },
  ),
  post(
    'held-18',
    'Sommartider 24/6–11/8: mån–tor 10–18, fre 10–15, lör stängt. Meröppet som vanligt 07–22.',
    [],
  ),
  post(
    'held-19',
    'Biblioteket har beslutat att under innevarande budgetår prioritera inköp av litteratur på nationella minoritetsspråk i enlighet med minoritetslagens bestämmelser om förvaltningsområden.',
    ['readability', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post('held-20', 'Bästa boken i år? Rösta fram årets bok i vår omröstning! 🗳️', []),
  post(
    'held-21',
    'Läxhjälpen har flyttat till rum 2.14 på plan 2. Skyltar visar vägen från entrén.',
    ['conversation-starter'],
  ),
  post(
    'held-22',
    'Pratar du persiska, tigrinja eller somaliska? Bli språkvän i vårt språkcafé! Anmälan: sprakvan@exempelbiblioteket.se',
    [],
  ),
  post(
    'held-23',
    'Filmvisning: Ronja Rövardotter (1984). Fri entré, 90 minuter. Passar från 7 år.',
    ['conversation-starter'],
  ),
  post('held-24', 'Handikappade besökare har rätt till ledsagare utan kostnad.', [
    'forbidden-words',
    'conversation-starter',
  ]),
  post(
    'held-25',
    'Kom till biblioteket på lördag, vi har pyssel, sagor och musik för alla barn, och vi bjuder på saft och bullar, och sedan blir det teater i stora salen, och efteråt kan man låna böcker och spela spel tillsammans med kompisar.',
    ['readability', 'conversation-starter'],
  ),
  post('held-26', 'Idioter finns överallt, men inte i vår bokcirkel 😉 Vad läser ni just nu?', [
    'forbidden-words',
  ]),
  post('held-27', 'ISBN-13: 9789113084701. Reservera boken i katalogen.', ['conversation-starter']),
  post('held-28', 'Vinnande nummer i bokbingot: 7, 12, 23, 34 och 45. Grattis till alla vinnare!', [
    'conversation-starter',
  ]),
  post('held-29', 'Nytt för i år: du kan swisha till 123 456 78 90 för att köpa tygpåsar.', [
    'conversation-starter',
  ]),
  post(
    'held-30',
    'Bibliotekets nya lokal invigs den 3 juni kl. 14.00 av kommunstyrelsens ordförande. Välkommen!',
    ['conversation-starter'],
  ),
]

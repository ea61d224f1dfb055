import { post } from './types.js'

/** Tone per audience, readability (LIX and long sentences) and length per network. */
export const TONE_POSTS = [
  post(
    'tone-01',
    'Biblioteksplanen för 2026–2029 är nu ute på remiss. Synpunkter lämnas till kultur- och fritidsnämnden senast den 31 mars. Vilka frågor vill ni att planen tar upp?',
    [],
    { audience: 'formell' },
  ),
  post(
    'tone-02',
    'Tjena! Biblioteksplanen är ute på remiss, skitbra läsning 👍 Kolla in den!',
    ['tone', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post(
    'tone-03',
    'Nämnden besökte filialen i Norrby i går. Tack för ett givande samtal om bibliotekets roll i stadsdelen! 📚',
    [],
    { audience: 'formell' },
  ),
  post(
    'tone-04',
    'Nämnden besökte filialen i Norrby! Tack för besöket! Vi uppskattar det mycket! 📚🙏',
    ['tone'],
    { audience: 'formell' },
  ),
  post(
    'tone-05',
    'Årsrapporten visar att antalet besök ökade med 9 procent 2024. Lån av e-böcker ökade mest. Rapporten finns i diariet. Vilka siffror vill ni se mer av nästa år?',
    [],
    { audience: 'formell' },
  ),
  post(
    'tone-06',
    'OMG vilken grym siffra, 9 procent fler besök i fjol lol 😂 Tack alla!',
    ['tone', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post(
    'tone-07',
    'Najs! Nu har vi fått nya sittsäckar i ungdomshörnan 🛋️ Kom och testa. Vilken färg gillar du?',
    [],
    { audience: 'unga' },
  ),
  post(
    'tone-08',
    'Nu har vi nya sittsäckar i ungdomshörnan. Kom och testa dem i helgen, vi bjuder på saft! 🛋️',
    ['conversation-starter'],
    { audience: 'unga' },
  ),
  post('tone-09', 'Sommarboken är asbra, asså! Läs och tävla! Vinn biobiljetter! Kom idag!', [
    'tone',
    'conversation-starter',
  ]),
  post(
    'tone-10',
    'Viktig information: BIBLIOTEKET HÅLLER STÄNGT på lördag på grund av vattenskada.',
    ['tone'],
  ),
  post(
    'tone-11',
    'SFI-eleverna från Komvux besöker oss på torsdag. Välkomna! Vilka böcker på lätt svenska tycker ni om?',
    [],
  ),
  post(
    'tone-12',
    'Vi fick besök av UNESCO:s svenska kommitté i dag. Hur arbetar ditt bibliotek med global läsning?',
    [],
  ),
  post(
    'tone-13',
    'Bibliotekets verksamhetsplanering genomförs i samverkan med skolförvaltningen, socialförvaltningen och civilsamhällesorganisationer för att säkerställa ändamålsenliga insatser för målgruppen.',
    ['readability', 'conversation-starter'],
  ),
  post(
    'tone-14',
    'Vi planerar nästa år tillsammans med skolan och föreningar. Vad vill du att biblioteket gör mer av? Berätta!',
    [],
  ),
  post(
    'tone-15',
    'Eftersom vi under hösten kommer att genomföra en omfattande renovering av barnavdelningen, som bland annat innebär nya hyllor, ny belysning och en helt ny sagohörna, kommer delar av barnboksbeståndet att vara tillfälligt flyttat till vuxenavdelningens andra våning.',
    ['readability', 'conversation-starter'],
  ),
  post(
    'tone-16',
    'I höst bygger vi om barnavdelningen. Vi får nya hyllor, nytt ljus och en ny sagohörna. Under tiden står barnböckerna på andra våningen. Vad önskar du dig i den nya sagohörnan?',
    [],
  ),
  post(
    'tone-17',
    'Kom till biblioteket i helgen. Vi läser sagor, spelar spel och fikar. Alla är välkomna. Vad vill du göra?',
    [],
    { audience: 'unga' },
  ),
  post(
    'tone-18',
    'Ungdomsbibliotekets digitaliseringsworkshop introducerar programmeringsgrundläggande koncept genom spelutveckling och kreativt problemlösande arbete. Anmälan via lånedisken.',
    ['readability', 'conversation-starter'],
    { audience: 'unga' },
  ),
  post(
    'tone-19',
    'Bibliotekets öppettider under sommaren: måndag–torsdag 10–18, fredag 10–16. Lördagar och söndagar stängt under juli månad.',
    [],
  ),
  post(
    'tone-20',
    'Läsfrämjande verksamhet, digitaliseringsstöd, samhällsinformation och kulturprogramverksamhet utgör tillsammans bibliotekets uppdrag enligt bibliotekslagen. Vilka prioriteringar bör nämnden göra?',
    ['readability'],
    { audience: 'formell' },
  ),
  post(
    'tone-21',
    'Nu är det sommarlov och biblioteket har massor av roliga aktiviteter för barn och unga som vill läsa, pyssla, spela spel, titta på film och träffa kompisar under de långa och varma sommardagarna på biblioteket. Vad ska du göra?',
    ['readability'],
  ),
  post(
    'tone-22',
    'Sommarlov! Vi läser, pysslar, spelar och ser film. Kom när du vill. Vad ska du göra?',
    [],
  ),
  post(
    'tone-23',
    'Det är värsta najs att vi får besök av kommunstyrelsen på fredag!',
    ['tone', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post(
    'tone-24',
    'Kommunstyrelsen besöker stadsbiblioteket på fredag. Vi visar meröppet och den nya studiehallen.',
    [],
    { audience: 'formell' },
  ),
  post('tone-25', 'Det blir en nice kväll med poesi på fredag. Vilken poet vill du höra?', []),
  post(
    'tone-26',
    'Biblioteket kommer under den kommande tvåårsperioden att genomföra en omfattande förändring av mediebeståndet i syfte att bättre motsvara efterfrågan från låntagare i samtliga åldersgrupper, vilket innebär att vissa äldre titlar gallras medan nya titlar på fler språk köps in i motsvarande omfattning.',
    ['readability', 'length', 'conversation-starter'],
  ),
  post(
    'tone-27',
    'Sommarlovet är här och biblioteket är fullt av aktiviteter för dig som är mellan 6 och 15 år! Varje vecka har vi ett nytt tema: rymden, djuren i skogen, superhjältar och detektiver. Du kan pyssla, läsa, lyssna på sagor och vara med i vår stora läsutmaning med fina priser. Vilket tema ser du mest fram emot?',
    ['length'],
  ),
  post(
    'tone-28',
    'Vi har fått många frågor om de nya öppettiderna. Från 1 september har huvudbiblioteket öppet 10–19 måndag till torsdag, 10–17 på fredagar och 11–15 på lördagar. Filialerna i Norrby och Ekbacken har öppet tisdagar och torsdagar 13–19. Meröppet gäller som vanligt 07–22 alla dagar. Välkommen!',
    ['length'],
  ),
  post(
    'tone-29',
    'I höst startar vi en ny bokcirkel för dig som vill läsa klassiker tillsammans med andra. Vi träffas varannan tisdag kl. 18 i läsesalongen och börjar med Selma Lagerlöfs Gösta Berlings saga. Du behöver inte ha läst boken innan första träffen. Vilken klassiker vill du att vi läser sedan? #Bokcirkel #Klassiker',
    ['length'],
  ),
  post(
    'tone-30',
    'Vi har nu fått in alla böcker från årets inköpsrunda. Totalt 340 nya titlar för barn, unga och vuxna: deckare, fantasy, biografier, kokböcker, lättläst och böcker på tolv språk. En del står redan i hyllorna, resten kommer under veckan. Reservera gärna i appen eller fråga oss i lånedisken! Vilken ska du låna först? 📚',
    ['length'],
  ),
  post(
    'tone-31',
    'Vad tycker du om biblioteket? Svara på vår enkät på https://exempelbiblioteket.se/enkat – det tar fem minuter.',
    [],
  ),
  post('tone-32', 'Grymt kul att så många kom på kulturnatten! Tack för att ni kom!', []),
  post(
    'tone-33',
    'Läs mer om bibliotekets verksamhetsberättelse, statistik, budgetuppföljning och måluppfyllelse för kommunfullmäktiges ledamöter och ersättare i det bifogade dokumentet som bifogas kallelsen till sammanträdet den 14 november, där även förvaltningens förslag till beslut framgår tillsammans med remissvaren.',
    ['readability', 'length', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post(
    'tone-34',
    'Stadsbibliotekets barnavdelning ombyggnadsarbeten påbörjas måndag. Sagostunderna flyttas tillfälligt till konferensrummet.',
    ['readability', 'conversation-starter'],
    { audience: 'unga' },
  ),
  post(
    'tone-35',
    'Vad läser du i sommar? Dela med dig av dina tips så gör vi en lista till alla som vill ha inspiration. ☀️',
    [],
  ),
]

import { post } from './types.js'

/** Events: story time, book circles, language café, homework help, talks, holidays. */
export const EVENT_POSTS = [
  post('event-01', 'Sagostund för barn 3–6 år på lördag kl. 11 i barnavdelningen. Välkommen! 📚', [
    'conversation-starter',
  ]),
  post(
    'event-02',
    'Vilken saga vill ditt barn höra på lördag? Vi läser högt kl. 11 i barnavdelningen. 📖',
    [],
  ),
  post(
    'event-03',
    'Bokcirkeln träffas tisdag 14 oktober kl. 18.30. Vi pratar om Kallocain av Karin Boye. Har du läst den? Ingen anmälan behövs. #Bokcirkel',
    [],
  ),
  post(
    'event-04',
    'Bokcirkeln träffas igen på tisdag kl. 18.30 och vi pratar om Doris Lessing. #bokcirkel #läsning',
    ['hashtags', 'conversation-starter'],
  ),
  post(
    'event-05',
    'Välkommen till #språkcafé på onsdag! Här övar du svenska i lugn takt tillsammans med andra. Fika finns.',
    ['hashtags', 'conversation-starter'],
  ),
  post(
    'event-06',
    'Språkcafé varje onsdag kl. 17–19. Vilket språk vill du öva på? Vi har volontärer som talar svenska, arabiska och ukrainska. #Språkcafé',
    [],
  ),
  post(
    'event-07',
    'Läxhjälp för årskurs 4–9 måndagar och torsdagar kl. 15–17. Ta med dina böcker så hjälper våra volontärer dig med matte, svenska och engelska.',
    ['conversation-starter', 'readability'],
  ),
  post(
    'event-08',
    'Behöver du hjälp med läxan? Kom till läxhjälpen i kväll. Det är lugnt och tyst och vi har tid för dig.',
    [],
  ),
  post(
    'event-09',
    'Författarbesök! Jonas Hassen Khemiri läser ur sin nya roman torsdag 20 november kl. 19 i stora salen. Biljetter i informationsdisken.',
    ['conversation-starter'],
  ),
  post(
    'event-10',
    'På torsdag kommer en författare hit och läser. Vad vill du fråga henne? Skriv i kommentarerna så tar vi med frågorna.',
    [],
  ),
  post(
    'event-11',
    'Pysselverkstad på höstlovet: vi gör bokmärken och egna små böcker. Passar barn från 5 år tillsammans med en vuxen. Allt material finns på plats.',
    ['conversation-starter'],
  ),
  post(
    'event-12',
    'Höstlov på biblioteket! Vad vill du göra? Pyssel, film eller spel? Berätta för oss!',
    [],
  ),
  post(
    'event-13',
    'Sommarlovsboken är här! Läs fem böcker i sommar och få en bok att behålla. Anmäl dig i lånedisken.',
    ['conversation-starter'],
  ),
  post(
    'event-14',
    'Sommarlov och sommarläsning 🌞 Vilka böcker ska du läsa i sommar? Tipsa andra i kommentarerna! #Sommarlov',
    [],
  ),
  post(
    'event-15',
    'Digital fixarkväll: ta med din mobil eller surfplatta så hjälper vi dig med BankID, appar och e-böcker. Tisdag kl. 17–19.',
    ['conversation-starter'],
  ),
  post(
    'event-16',
    'Föreläsning om släktforskning med Sveriges släktforskarförbund. Lär dig hitta i kyrkböcker och arkiv på nätet. Onsdag kl. 18.',
    ['conversation-starter'],
  ),
  post(
    'event-17',
    'Släktforskning på onsdag. Har du en gammal släktberättelse du vill dela med dig av? Vi vill gärna höra den.',
    [],
  ),
  post(
    'event-18',
    'Kodklubb för dig mellan 9 och 12 år. Vi bygger spel i Scratch varannan fredag. Inga förkunskaper behövs. #kodklubb',
    ['hashtags', 'conversation-starter'],
  ),
  post(
    'event-19',
    'Babyrytmik i barnavdelningen onsdagar kl. 10. Vi sjunger, rör oss och läser rim för de allra minsta. Ingen anmälan. 👶🎵',
    ['conversation-starter'],
  ),
  post(
    'event-20',
    'Julpyssel på lördag! Vi gör granris-kransar och pepparkakshus av papper. Välkommen alla barn och vuxna 🎄🎅⭐❄️✨',
    ['emoji-count', 'conversation-starter'],
  ),
  post(
    'event-21',
    'Lyrikkväll med öppen scen fredag kl. 19. Läs en egen dikt eller en favorit. Vilken dikt skulle du välja?',
    [],
  ),
  post(
    'event-22',
    'Stickcafé i läsesalongen varje torsdag. Ta med ditt handarbete, vi bjuder på kaffe. Vad stickar du just nu? 🧶',
    [],
  ),
  post(
    'event-23',
    'Filmvisning för unga vuxna: vi ser en film om vänskap och pratar om den efteråt. Fredag kl. 18, fri entré.',
    ['conversation-starter'],
  ),
  post(
    'event-24',
    'Schackklubben spelar på lördagar kl. 12. Nybörjare och vana spelare är lika välkomna, vi har bräden och klockor.',
    ['conversation-starter'],
  ),
  post(
    'event-25',
    'Missa inte sommarens bokfest i parken! Sagor, musik och boktips för hela familjen. Lördag 14 juni kl. 11–15.',
    ['forbidden-words', 'conversation-starter'],
  ),
  post(
    'event-26',
    'Vi har gratis workshop i serieteckning på lördag för dig som är 10–15 år. Anmälan i lånedisken.',
    ['forbidden-words', 'conversation-starter'],
  ),
  post(
    'event-27',
    'Workshop i serieteckning på lördag, avgiftsfritt för dig som är 10–15 år. Vilken seriefigur vill du rita?',
    [],
  ),
  post(
    'event-28',
    'Anmälan till bokcirkeln för unga vuxna: https://exempelbiblioteket.se/evenemang/bokcirkel-unga',
    ['conversation-starter'],
  ),
  post(
    'event-29',
    'Bokcirkeln startar igen i september. Läs mer här: https://exempelbiblioteket.se/bokcirkel',
    ['bare-url', 'conversation-starter'],
  ),
  post('event-30', 'Höstens program är klart! https://bit.ly/3Xp7aQk', [
    'url-shortener',
    'bare-url',
    'conversation-starter',
  ]),
  post(
    'event-31',
    'Hela höstens program för barn och unga finns på vår webbplats: https://exempelbiblioteket.se/program/host',
    ['conversation-starter'],
  ),
  post(
    'event-32',
    'Programmet för kulturnatten: exempelbiblioteket.se/kulturnatt. Vad ser du mest fram emot?',
    [],
  ),
  post('event-33', 'Anmäl dig till skrivarverkstaden via tinyurl.com/skrivhost senast 1 oktober.', [
    'url-shortener',
    'conversation-starter',
  ]),
  post(
    'event-34',
    'Spelkväll för tonåringar fredag kl. 17–21 🎮 Brädspel, tv-spel och pizza. Vilket spel ska vi köpa in härnäst?',
    [],
    { audience: 'unga' },
  ),
  post(
    'event-35',
    'Asså, spelkvällen på fredag blir najs 🎮🍕 Kom och chilla med oss! Vad vill du spela?',
    [],
    { audience: 'unga' },
  ),
  post('event-36', 'Hej alla! Nu är det dags för Bokfestivalen igen!!! Kom kom kom!!! 🎉🎉🎉', [
    'tone',
    'conversation-starter',
  ]),
  post(
    'event-37',
    'VÄLKOMMEN till vårens STORA bokloppis! Fynda böcker för 5 kronor styck. Lördag kl. 10–14 i entrén.',
    ['tone', 'conversation-starter'],
  ),
  post(
    'event-38',
    'Välkommen till vårens stora bokloppis! Fynda böcker för 5 kronor styck. Vilken bok letar du efter?',
    [],
  ),
  post(
    'event-39',
    'Konsert med kulturskolans elever i biblioteket på lördag eftermiddag. Kom och lyssna, det blir fint! 🎻',
    ['conversation-starter'],
  ),
  post(
    'event-40',
    'Teckenspråkig sagostund på söndag. Sagan berättas på svenskt teckenspråk och svenska samtidigt. För barn 3–7 år och deras vuxna.',
    ['conversation-starter'],
  ),
  post(
    'event-41',
    'En inbjudan till kommunens förtroendevalda: biblioteksplanen presenteras vid ett seminarium den 4 december kl. 13.00 i stadshusets sessionssal. Anmälan sker till registrator.',
    ['conversation-starter', 'readability'],
    { audience: 'formell' },
  ),
  post(
    'event-42',
    'Hej politiker! Nu kör vi en grymt najs dragning om biblioteksplanen 😎🔥 Häng med!!',
    ['tone', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post(
    'event-43',
    'Kultur- och fritidsnämnden bjuds in till studiebesök på stadsbiblioteket den 12 mars. Vilka frågor vill nämnden att vi tar upp?',
    [],
    { audience: 'formell' },
  ),
  post(
    'event-44',
    'Medverka i bibliotekets referensgrupp för unga! Vi vill höra vad du tycker om våra lokaler och vårt utbud. Träffar en gång i månaden.',
    [],
    { audience: 'unga' },
  ),
  post(
    'event-45',
    'Världsbokdagen firar vi med tipsbord i entrén. Ta en bok, lämna en bok. #världsbokdagen #bokbyte',
    ['hashtags', 'conversation-starter'],
  ),
]

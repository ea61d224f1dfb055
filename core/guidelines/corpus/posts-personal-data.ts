import { post } from './types.js'

// Every identity number here is made up; the valid ones were given correct
// Luhn check digits for the test, the invalid ones fail the date or the check.
/** Personal data that must not be published, and numbers that only look like it. */
export const PERSONAL_DATA_POSTS = [
  post(
    'pd-01',
    'Hittegods: ett lånekort som tillhör 870315-1749 har lämnats in i lånedisken. Hämta det med legitimation.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '870315-1749']] },
  ),
  post(
    'pd-02',
    'Vinnare i sommarens läsutmaning: Lisa Ek, 19991231-2486. Grattis Lisa! Vilken bok var bäst i sommar?',
    ['personal-data'],
    { personalData: [['personnummer', '19991231-2486']] },
  ),
  post(
    'pd-03',
    '@kalle_b Vi har förlängt lånen på kortet 450729-2110 till 12 december. Välkommen in!',
    ['personal-data'],
    { personalData: [['personnummer', '450729-2110']] },
  ),
  post(
    'pd-04',
    'Samordningsnummer fungerar också för lånekort. Exempel: 850172-2386 – ta med det och legitimation.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['samordningsnummer', '850172-2386']] },
  ),
  post(
    'pd-05',
    'Ring Sara på 070-174 06 52 om du vill vara med i bokcirkeln.',
    ['personal-data', 'conversation-starter'],
    {
      personalData: [['phone', '070-174 06 52']],
    },
  ),
  post(
    'pd-06',
    'Vill du boka en visning? Ring vår bibliotekarie Karim direkt på 070-1740667.',
    ['personal-data'],
    { personalData: [['phone', '070-1740667']] },
  ),
  post(
    'pd-07',
    'Frågor om kulturnatten? Ring 08-465 004 00 eller mejla info@exempelbiblioteket.se.',
    [],
  ),
  post(
    'pd-08',
    'Kontakta Jonas Lund, jonas.lund@gmail.com, om du har hittat hans förlorade läsplatta.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['email', 'jonas.lund@gmail.com']] },
  ),
  post(
    'pd-09',
    'Tack Amina för alla fina boktips! Du når henne på amina.h@hotmail.com om du vill veta mer.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['email', 'amina.h@hotmail.com']] },
  ),
  post(
    'pd-10',
    'Bokcirkeln leds av Britt. Anmälan på telefon +46 70 174 06 81.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '+46 70 174 06 81']] },
  ),
  post(
    'pd-11',
    'Ledare för läxhjälpen är Omar, som nås på +46701740699 eller i lånedisken.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '+46701740699']] },
  ),
  post(
    'pd-12',
    'Vår nya filial i Ekbacken nås på 031-390 69 72 från och med måndag.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '031-390 69 72']] },
  ),
  post(
    'pd-13',
    'Dragningen är klar! Vinnande lottnummer: 198703151742. Hör av dig till lånedisken med din lott.',
    [],
  ),
  post(
    'pd-14',
    'Kvittot från bokförsäljningen har nummer 4507292113. Spara det om du vill byta boken.',
    ['conversation-starter'],
  ),
  post(
    'pd-15',
    'Bokbussens nya tidtabell: Ekbacken 0930–1015, Norrby 1100–1145, Skogsby 1300–1345.',
    ['conversation-starter'],
  ),
  post('pd-16', 'Ring 112 vid nödläge. För frågor om biblioteket: 08-465 004 00.', [
    'conversation-starter',
  ]),
  post('pd-17', 'Postadress: Exempelbiblioteket, Box 1234, 123 45 Exempelstad.', [
    'conversation-starter',
  ]),
  post(
    'pd-18',
    'Skicka dina dikter till poesitavlingen@exempelkommun.se senast 30 april. Vilken dikt skickar du?',
    [],
  ),
  post(
    'pd-19',
    'Tävling! Gissa hur många böcker som står i fönstret. Svara med ett sms till 070-174 06 05.',
    ['personal-data'],
    { personalData: [['phone', '070-174 06 05']] },
  ),
  post(
    'pd-20',
    'Personnumret behövs när du skaffar lånekort, men skriv det aldrig i en kommentar här. Vi frågar aldrig efter det i sociala medier.',
    ['conversation-starter'],
  ),
  post(
    'pd-21',
    'Grattis till vår äldsta låntagare Gunnel som fyller 101 år! Hennes lånekort har nummer 240415+1231.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '240415+1231']] },
  ),
  post(
    'pd-22',
    'Fick du ett sms från 0771-123 456 om förfallna lån? Det är inte vi. Vi skickar påminnelser från 0980-319 200.',
    ['personal-data'],
    { personalData: [['phone', '0771-123 456']] },
  ),
  post(
    'pd-23',
    'Anmälan till skrivarkursen: mejla kursledaren Petra på petra.holm@exempelbiblioteket.se eller ring 040-628 04 55.',
    ['personal-data', 'conversation-starter'],
    {
      personalData: [
        ['email', 'petra.holm@exempelbiblioteket.se'],
        ['phone', '040-628 04 55'],
      ],
    },
  ),
  post('pd-24', 'Du når oss på kontakt@exempelbiblioteket.se. Vi svarar inom två arbetsdagar.', [
    'conversation-starter',
  ]),
  post(
    'pd-25',
    'Våra tidigare utställare: Karin (karin@konstnar.se) och Ali (ali.r@outlook.com). Vill du ställa ut? Hör av dig!',
    ['personal-data'],
    {
      personalData: [
        ['email', 'karin@konstnar.se'],
        ['email', 'ali.r@outlook.com'],
      ],
    },
  ),
  post(
    'pd-26',
    'Barnens bokjury: rösta på din favorit senast 15 mars! Skolor anmäler klasser via bokjuryn@exempelkommun.se.',
    [],
  ),
  post(
    'pd-27',
    'Övning för personalen: samordningsnummer som 010361-2388 ska strykas innan något publiceras.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['samordningsnummer', '010361-2388']] },
  ),
  post(
    'pd-28',
    'Sök på ISBN 978-91-7343-712-4 eller ring oss på 08-465 004 00 så reserverar vi boken.',
    ['conversation-starter'],
  ),
  post(
    'pd-29',
    'Gammal bild från arkivet: Stadsbiblioteket 1964. Telefonnumret på skylten, 21 34 56, gick till lånedisken.',
    ['conversation-starter'],
    { images: ['Svartvitt foto av bibliotekets entré 1964 med en skylt med telefonnummer.'] },
  ),
  post(
    'pd-30',
    'Tack till Anders, 640214-3223, som skänkt sin boksamling till biblioteket!',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '640214-3223']] },
  ),
  post(
    'pd-31',
    'Vinnarna i tipspromenaden är 880808-5446 och 060606-5811. Grattis! Hämta priset i lånedisken.',
    ['personal-data', 'conversation-starter'],
    {
      personalData: [
        ['personnummer', '880808-5446'],
        ['personnummer', '060606-5811'],
      ],
    },
  ),
  post(
    'pd-32',
    'Ring 070 174 06 33 för att boka en tid med digitalguiden Sam.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '070 174 06 33']] },
  ),
  post(
    'pd-33',
    '@lena_k Hej Lena! Din reservation är klar. Vi har skickat en bekräftelse till lena.k@live.se.',
    ['personal-data'],
    { personalData: [['email', 'lena.k@live.se']] },
  ),
  post(
    'pd-34',
    'Barn födda på skottdagen 2020 har personnummer som 200229-3591. Hur firar man en sådan födelsedag?',
    ['personal-data'],
    { personalData: [['personnummer', '200229-3591']] },
  ),
  post(
    'pd-35',
    'Ett nummer som 850230-1230 kan aldrig vara ett personnummer: februari har inte 30 dagar.',
    ['conversation-starter'],
  ),
  post(
    'pd-36',
    'Boka datorhjälp: ring 08-46 50 04 17 eller kom in till oss.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '08-46 50 04 17']] },
  ),
  post(
    'pd-37',
    'Samarbetspartner i höst är Studieförbundet, tel. 010-123 45 67.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '010-123 45 67']] },
  ),
  post('pd-38', 'Telefontid för frågor om fjärrlån: vardagar 9–11.', ['conversation-starter']),
  post(
    'pd-39',
    'Maila gärna dina frågor till bibliotekarie.anna.svensson@exempelbiblioteket.se',
    ['personal-data', 'conversation-starter'],
    { personalData: [['email', 'bibliotekarie.anna.svensson@exempelbiblioteket.se']] },
  ),
  post(
    'pd-40',
    'Lånekort 195705226552 är spärrat efter förlust. Kontakta oss för ett nytt.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '195705226552']] },
  ),
  post(
    'pd-41',
    'Skriv aldrig ett nummer som 9304175079 i ett inlägg, inte ens som exempel.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '9304175079']] },
  ),
  post(
    'pd-42',
    'Har du tappat ett lånekort med nummer 110311 6180? Det finns i lånedisken.',
    ['personal-data'],
    { personalData: [['personnummer', '110311 6180']] },
  ),
  post(
    'pd-43',
    'Sms:a 0701125312 om du vill ha en påminnelse när boken har kommit.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '0701125312']] },
  ),
  post(
    'pd-44',
    'Samordningsnumret 19920789-2382 stod i ett mejl vi fick. Vi har raderat det.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['samordningsnummer', '19920789-2382']] },
  ),
  post(
    'pd-45',
    'Ring barnavdelningen på (08) 465 004 37 om du vill boka sagostund för förskolan.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['phone', '(08) 465 004 37']] },
  ),
  post('pd-46', 'Telefontiden är 08.30–16.00 på vardagar. Sms:a oss gärna utanför telefontid.', [
    'conversation-starter',
  ]),
  post(
    'pd-47',
    'Ordernummer 871345-1238 och 991232-7898 gäller böckerna ni beställt. Hämta dem i disken.',
    ['conversation-starter'],
  ),
  post(
    'pd-48',
    'Grattis på födelsedagen, Stina 121212-1006! Hela personalen önskar dig en fin dag.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['personnummer', '121212-1006']] },
  ),
  post(
    'pd-49',
    'Föreläsningen 2025-03-12 kl. 18.00 handlar om integritet på nätet. Skydda ditt personnummer!',
    ['conversation-starter'],
  ),
  post(
    'pd-50',
    'Vår gamla katalog hade nummer som 230229-4562 och 201301-0101 på varje kort. De var hyllsignum, inga personnummer.',
    ['conversation-starter'],
  ),
  // Function mailboxes of the library or the municipality are not personal data; a person's address is, wherever it is.
  post(
    'pd-51',
    'Vill du bli läsombud på ditt äldreboende? Mejla lasombud@exempelkommun.se så berättar vi mer.',
    [],
  ),
  post('pd-52', 'Fjärrlån beställer du via fjarrlan@exempelbiblioteket.se. Vad vill du låna?', []),
  post(
    'pd-53',
    'Hör av dig till Anna på anna@exempelbiblioteket.se om du vill vara med i bokcirkeln.',
    ['personal-data'],
    { personalData: [['email', 'anna@exempelbiblioteket.se']] },
  ),
  post(
    'pd-54',
    'Tack till illustratören som gjorde vår affisch! Beställ egna bilder av henne på illustrationer@hotmail.com.',
    ['personal-data', 'conversation-starter'],
    { personalData: [['email', 'illustrationer@hotmail.com']] },
  ),
]

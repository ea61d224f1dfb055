import { post } from './types.js'

/** Opening hours, closures, fees, dates and numbers that are not personal data. */
export const SERVICE_POSTS = [
  post('service-01', 'Biblioteket är stängt på midsommarafton. Glad midsommar! 🌸', []),
  post(
    'service-02',
    'Ändrade öppettider i sommar: måndag–torsdag 10–18, fredag 10–16, lördag 11–14. Söndag stängt.',
    [],
  ),
  post(
    'service-03',
    'Från 1 september har vi öppet 10–19 på vardagar och 11–15 på lördagar. Passar tiderna dig? Berätta vad du tycker!',
    [],
  ),
  post(
    'service-04',
    'Meröppet betyder att du kan låna och lämna böcker 07–22 alla dagar, även när personalen har gått hem. Registrera ditt lånekort i lånedisken.',
    [],
  ),
  post(
    'service-05',
    'På grund av en driftstörning fungerar inte utlåningsautomaterna just nu. Personalen hjälper dig i lånedisken.',
    ['readability'],
  ),
  post(
    'service-06',
    'Filialen i Norrby är stängd vecka 28–31. Huvudbiblioteket har öppet som vanligt.',
    [],
  ),
  post(
    'service-07',
    'Kvällens föreläsning är tyvärr inställd. Vi återkommer med nytt datum. Vi ber om ursäkt!',
    [],
  ),
  post(
    'service-08',
    'Utskrifter kostar 2 kr per sida i svartvitt och 5 kr i färg. Du betalar med Swish eller kort i lånedisken.',
    ['conversation-starter'],
  ),
  post(
    'service-09',
    'Förseningsavgifterna för barn och unga är borttagna sedan 2019. Vuxna betalar 5 kr per dag och bok, högst 100 kr.',
    ['conversation-starter'],
  ),
  post(
    'service-10',
    'Tänk på att lämna tillbaka dina lån innan 2024-12-20. Sista lånedagen före jul är 20241219.',
    ['conversation-starter'],
  ),
  post(
    'service-11',
    'Har du fått ett mejl om en obetald faktura med ordernummer 8503151234? Det kommer inte från oss. Kontakta oss om du är osäker.',
    [],
  ),
  post(
    'service-12',
    'Din beställning har referensnummer 0612345678. Visa det i lånedisken när du hämtar boken.',
    ['conversation-starter'],
  ),
  post(
    'service-13',
    'Fjärrlån kostar 20 kr per bok. Ärendenummer 2024-0456 gäller den senaste prisändringen.',
    ['conversation-starter'],
  ),
  post(
    'service-14',
    'Biblioteket är tillgängligt för rullstol. Hissen finns vid entrén på Storgatan 12, och vi har hörslinga i stora salen.',
    ['conversation-starter'],
  ),
  post(
    'service-15',
    'Vi har fått 1 250 000 kr i bidrag från Kulturrådet till läsfrämjande arbete 2025–2027. Vad skulle du vilja att pengarna används till?',
    [],
  ),
  post(
    'service-16',
    'Boksläpp 12/10 kl 18:00–20:00. Bokbussen kommer till Ekbacken varannan tisdag 14.30–15.15.',
    ['conversation-starter'],
  ),
  post(
    'service-17',
    'Under perioden 2023-2025 har utlåningen ökat med 12 %. Tack för att ni lånar!',
    [],
  ),
  post(
    'service-18',
    'Wifi-nätet heter Bibliotek-Gäst och lösenordet står på skylten vid datorerna. Behöver du hjälp att koppla upp dig? Fråga oss!',
    [],
  ),
  post(
    'service-19',
    'Vi flyttar! Från 3 februari finns biblioteket i Kulturhuset, Torggatan 4, plan 2. Under flytten 20–31 januari är biblioteket stängt.',
    ['readability'],
  ),
  post(
    'service-20',
    'Nu kan du förnya dina lån i appen. Logga in med lånekortsnumret och din pinkod. Frågor? Ring oss på 08-465 004 00.',
    [],
  ),
  post(
    'service-21',
    'Frågor om ditt konto? Mejla info@exempelbiblioteket.se eller ring 0980-319 200 vardagar kl. 10–16.',
    [],
  ),
  post(
    'service-22',
    'Frågor om pressvisningen besvaras av vår kommunikatör Elin Berg, elin.berg@exempelbiblioteket.se.',
    ['conversation-starter'],
  ),
  post(
    'service-23',
    'Vi har öppet 10–16 på lördag, 9/11. Kom förbi och låna helgläsning! Vad ska du läsa i helgen?',
    [],
  ),
  post(
    'service-24',
    'Julens öppettider: 23/12 10–14, 24–26/12 stängt, 27/12 10–16, 31/12 stängt, 2/1 ordinarie tider.',
    [],
  ),
  post(
    'service-25',
    'Stadsbiblioteket fyller 100 år! 1925–2025. Vi firar hela veckan med tårta, utställning och musik. Vilket är ditt bästa biblioteksminne?',
    [],
  ),
  post(
    'service-26',
    'Vi har 120 000 medier, 45 datorer och 300 sittplatser. Du hittar oss mitt i stan.',
    ['conversation-starter'],
  ),
  post(
    'service-27',
    'Nya regler för grupprum från 1 mars: boka högst 2 timmar åt gången, högst 3 gånger per vecka. Boka på webben eller i disken.',
    ['conversation-starter'],
  ),
  post(
    'service-28',
    'Lånekortet kostar inget och du får det direkt i lånedisken. Ta med legitimation. Barn under 15 år behöver en vuxens underskrift.',
    ['conversation-starter'],
  ),
  post(
    'service-29',
    'Biblioteket har tagit emot 4 512 besök under oktober, en ökning med 8 procent. Tack till alla som kommer hit!',
    ['conversation-starter'],
  ),
  post(
    'service-30',
    'Mellan kl. 12.00 och 13.00 har vi lunchstängt i informationsdisken. Utlåningsautomaterna fungerar som vanligt.',
    [],
  ),
  post(
    'service-31',
    'Bankgiro 5050-1055 gäller för betalning av ersatta böcker. Ange ditt OCR-nummer 7012345678 när du betalar.',
    ['conversation-starter'],
  ),
  post(
    'service-32',
    'Artikelnummer 19850101-0000 i katalogen är en gammal kassett. Den gallras nu och blir del av vår loppis.',
    ['conversation-starter'],
  ),
  post(
    'service-33',
    'Vi söker volontärer till läxhjälpen! Är du gymnasieelev eller student och vill hjälpa yngre? Hör av dig till oss i lånedisken.',
    [],
  ),
  post(
    'service-34',
    'Felanmälan av trasiga datorer görs i lånedisken. Vi lagar dem så fort vi kan, oftast inom 2–3 dagar.',
    ['conversation-starter'],
  ),
  post(
    'service-35',
    'Tidningar och tidskrifter finns i läsesalongen: 40 titlar på 12 språk, bland annat Dagens Nyheter och Al-Quds al-Arabi.',
    ['conversation-starter', 'readability'],
  ),
]

import { post } from './types.js'

/** Book tips, new arrivals, the week's most borrowed book, reading challenges. */
export const BOOK_POSTS = [
  post(
    'book-01',
    'Veckans mest lånade bok är Mannen som kallades Ove av Fredrik Backman. Har du läst den? Vad tyckte du?',
    [],
  ),
  post(
    'book-02',
    'Veckans boktips: Svinalängorna av Susanna Alakoski. En stark berättelse om en uppväxt i Ystad på 1970-talet.',
    ['conversation-starter', 'readability'],
  ),
  post(
    'book-03',
    'Nytt i hyllan: tio nya deckare, bland annat den senaste av Camilla Läckberg. Vilken deckare läser du helst?',
    [],
  ),
  post(
    'book-04',
    'Vi tipsar om fem lättlästa böcker för dig som vill komma igång med läsningen igen. Fråga oss i lånedisken så hjälper vi dig att välja.',
    ['conversation-starter'],
  ),
  post(
    'book-05',
    'Tipsa oss om en bok som fick dig att skratta! Vi gör en skyltning med era förslag i december.',
    [],
  ),
  post(
    'book-06',
    'Bok: Kallocain. Författare: Karin Boye. ISBN 978-91-0-012345-6. Finns att låna som bok och e-bok.',
    ['conversation-starter'],
  ),
  post(
    'book-07',
    'Nu finns Astrid Lindgrens samlade verk som ljudbok. Sök på ISBN 9789129688134 i katalogen eller fråga personalen.',
    ['conversation-starter'],
  ),
  post(
    'book-08',
    'Beställ boken med ISBN 91-29-65542-1 till ditt närmaste bibliotek. Den kommer inom en vecka.',
    ['conversation-starter'],
  ),
  post(
    'book-09',
    'Boken har ISBN 0306406152 i den engelska utgåvan. Vill du hellre läsa den på svenska? Vi köper in den om flera önskar.',
    [],
  ),
  post(
    'book-10',
    'Månadens tema är klimat. Vi har plockat fram faktaböcker, romaner och serier om natur och framtid. Vad läser du om klimatet?',
    [],
  ),
  post(
    'book-11',
    'Sommarens läsutmaning för vuxna: läs en bok från varje kontinent. Hämta ditt läspass i lånedisken.',
    ['conversation-starter'],
  ),
  post(
    'book-12',
    'Vilken bok läste du som barn och minns fortfarande? Vi börjar: Bröderna Lejonhjärta. Berätta din!',
    [],
  ),
  post(
    'book-13',
    'Ny manga i ungdomshyllan! One Piece volym 105 och framåt har kommit. 📚✨',
    ['conversation-starter'],
    { audience: 'unga' },
  ),
  post('book-14', 'Vilken manga ska vi köpa in härnäst? Rösta i kommentarerna! 🗳️', [], {
    audience: 'unga',
  }),
  post(
    'book-15',
    'Bibliotekarien tipsar: Ett stort stilla rum av Ia Genberg. Fyra personporträtt och en berättelse om vänskap och pengar. Lånas i hyllan för svensk skönlitteratur.',
    ['conversation-starter'],
  ),
  post(
    'book-16',
    'Lyssna på en ljudbok på bussen! Med appen kan du låna ljudböcker och e-böcker dygnet runt med ditt lånekort.',
    ['conversation-starter'],
  ),
  post(
    'book-17',
    'Den här veckan har vi skyltat med böcker som handlar om att flytta till ett nytt land. Vilken bok om att börja om skulle du tipsa om?',
    [],
  ),
  post(
    'book-18',
    'Dikt i veckan: "Det är vackrast när det skymmer" av Pär Lagerkvist. Läs den högt för någon du tycker om.',
    ['conversation-starter'],
  ),
  post(
    'book-19',
    'Bokrea? Nej, men bokbyte! Ta med en bok du läst och byt till en annan. Hyllan står vid entrén hela oktober.',
    [],
  ),
  post(
    'book-20',
    'Topplistan i oktober: 1. Kvinnan i buret av Jussi Adler-Olsen 2. Änglamakerskan av Camilla Läckberg 3. Historien om Fanny av Fredrik Backman. Vilken har du läst?',
    ['readability'],
  ),
  post(
    'book-21',
    'Nya bilderböcker i barnavdelningen! Om dinosaurier, syskon och en katt som inte vill sova. Perfekta för godnattläsning. 🦕🐈🌙',
    ['conversation-starter'],
  ),
  post(
    'book-22',
    'Läsa för barn varje dag ger ett större ordförråd. Vi har tips för alla åldrar. Hur gör ni hemma? Läser ni högt?',
    [],
  ),
  post(
    'book-23',
    'Vi har köpt in fler böcker på arabiska, somaliska, persiska och ukrainska. Saknar du böcker på ditt språk? Önska i lånedisken eller här.',
    [],
  ),
  post(
    'book-24',
    'Veckans bok är en idiotsäker kokbok för studenter: enkla rätter med fem ingredienser. Vilken är din bästa billiga rätt?',
    [],
  ),
  post(
    'book-25',
    'Huvudpersonen kallar sin granne för idiot redan på första sidan, men sedan växer en vänskap fram. Har du läst Backmans debut?',
    ['forbidden-words'],
  ),
  post('book-26', 'Vilka idioter som inte läser deckare! Skämt åsido: vad är din favoritdeckare?', [
    'forbidden-words',
  ]),
  post(
    'book-27',
    'Den här boken om en knäppgök till uppfinnare är perfekt för högläsning. Vilken galen uppfinning skulle du vilja se?',
    ['forbidden-words'],
  ),
  post(
    'book-28',
    'Ny bok om hur det är att leva som handikappad i en liten stad. Författaren kommer på besök i maj.',
    ['forbidden-words', 'conversation-starter'],
  ),
  post(
    'book-29',
    'Ny bok om hur det är att leva med funktionsnedsättning i en liten stad. Författaren kommer på besök i maj. Vilka frågor vill du ställa?',
    [],
  ),
  post(
    'book-30',
    'Sist men inte minst: glöm inte att lämna tillbaka sommarens lån. Böckerna behövs till nästa läsare.',
    ['forbidden-words', 'conversation-starter'],
  ),
  post(
    'book-31',
    'Sist i listan men inte minst viktig är poesin: vi har plockat fram nya diktsamlingar. Vilken poet läser du?',
    [],
  ),
  post('book-32', 'Det här är f*n den bästa fantasyserien på länge. Håller du med?', [
    'forbidden-words',
  ]),
  post('book-33', 'Gratis! Alla e-böcker och ljudböcker lånar du utan kostnad med ditt lånekort.', [
    'forbidden-words',
    'conversation-starter',
  ]),
  post(
    'book-34',
    'Böcker om dinosaurier, rymden och djur är populärast bland våra yngsta låntagare. Vad gillar ditt barn att läsa om?',
    [],
  ),
  post(
    'book-35',
    'Läs Harry Potter-böckerna på nytt i höst! Vi har alla delar på svenska och engelska. #HarryPotter #Läsning',
    ['conversation-starter'],
  ),
  post(
    'book-36',
    'Hittade du en bra bok i sommar? Tipsa oss i kommentarerna så gör vi en lista till hösten. #boktips #sommarläsning',
    ['hashtags'],
  ),
  post(
    'book-37',
    'Nu kan du låna böcker på lätt svenska för dig som lär dig språket. Hyllan står bredvid tidningarna. #LättSvenska',
    ['conversation-starter'],
  ),
  post(
    'book-38',
    'I maj läser vi om #klimat och #natur i bokcirkeln, och vi börjar med Rachel Carsons Tyst vår. Vill du vara med?',
    ['hashtags'],
  ),
  post(
    'book-39',
    'Läsfrämjande insatser för barn och unga prioriteras under det kommande verksamhetsåret i enlighet med den av kommunfullmäktige antagna biblioteksplanen.',
    ['readability', 'conversation-starter'],
    { audience: 'formell' },
  ),
  post(
    'book-40',
    'Vi vill att fler barn läser. Därför satsar biblioteket nästa år på bokprat i skolorna och på fler böcker för unga. Vad tycker du att vi ska satsa mer på?',
    [],
  ),
]

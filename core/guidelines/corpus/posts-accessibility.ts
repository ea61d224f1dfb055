import { post } from './types.js'

/** Images and alt text, hashtags, emojis and links. */
export const ACCESSIBILITY_POSTS = [
  post('a11y-01', 'Nu är sommarlovsprogrammet klart! Vad vill du helst göra i sommar?', [], {
    images: ['Affisch med texten Sommarlov på biblioteket och en sol som läser en bok.'],
  }),
  post(
    'a11y-02',
    'Nu är sommarlovsprogrammet klart! Vad vill du helst göra i sommar?',
    ['image-alt'],
    {
      images: [''],
    },
  ),
  post(
    'a11y-03',
    'Bilder från gårdagens författarbesök. Vilken fråga hade du ställt?',
    ['image-alt'],
    {
      images: ['IMG_2041.jpg', 'Författaren signerar böcker vid ett bord med en kö av besökare.'],
    },
  ),
  post(
    'a11y-04',
    'Så här fint blev det på barnavdelningen efter ommöbleringen. Vad tycker du?',
    ['image-alt'],
    {
      images: ['bild'],
    },
  ),
  post('a11y-05', 'Ny skyltning i entrén. Vilken bok lockar dig mest?', ['image-alt'], {
    images: ['Skärmavbild 2025-03-04 kl. 10.12.33'],
  }),
  post('a11y-06', 'Veckans bokhylla: resor och äventyr. Vart skulle du vilja åka?', [], {
    images: ['En hylla med resehandböcker och en jordglob på översta hyllplanet.'],
  }),
  post(
    'a11y-07',
    'Ett urval av höstens nya barnböcker. Vilken vill du läsa först?',
    ['image-alt'],
    {
      images: ['Bokomslag med en räv i en skog.', '', 'Bokomslag med två barn på en cykel.'],
    },
  ),
  post('a11y-08', 'Vår nya logga! Vad tycker du?', ['image-alt'], { images: ['logo.png'] }),
  post(
    'a11y-09',
    'Bokcirkelns bokval för våren, i den ordning vi läser dem. Vilken ser du mest fram emot?',
    [],
    {
      images: [
        'Fem bokomslag på rad: Kallocain, Doktor Glas, Hemsöborna, Röda rummet och Gösta Berlings saga.',
      ],
    },
  ),
  post('a11y-10', 'Ny utställning i trapphallen. Vem känner igen platsen?', ['image-alt'], {
    images: ['image'],
  }),
  post(
    'a11y-11',
    'Välkommen på sagostund i barnavdelningen! Vilken saga vill ni höra? #Sagostund #Barnbibliotek',
    [],
  ),
  post(
    'a11y-12',
    'Välkommen på sagostund i barnavdelningen! Vilken saga vill ni höra? #sagostund #barnbibliotek',
    ['hashtags'],
  ),
  post('a11y-13', 'Vilken bok läser du just nu? #bibliotek #böcker #läsning', []),
  post(
    'a11y-14',
    'Vilken bok läser du just nu? #Bibliotek #Böcker #Läsning #Bokcirkel #Sommarlov',
    ['hashtags'],
  ),
  post(
    'a11y-15',
    'Nu startar #Sommarlov på biblioteket med pyssel och sagor. Vad vill du göra först?',
    ['hashtags'],
  ),
  post(
    'a11y-16',
    'Vi firar #Världsbokdagen med en bokbytarhylla. Har du en bok att byta? #Bokbyte',
    ['hashtags'],
  ),
  post('a11y-17', 'Tipsa oss om en bra deckare! #läsmerböcker', ['hashtags']),
  post('a11y-18', 'Har du läst årets Augustprisvinnare? #augustpriset', ['hashtags']),
  post('a11y-19', 'Fem nya romaner på lätt svenska. Vilken väljer du? #LättLäst #Svenska #SFI', []),
  post(
    'a11y-20',
    'Läsutmaningen fortsätter! Hur många böcker har du läst hittills? #sommarboken2025',
    ['hashtags'],
  ),
  post('a11y-21', 'Vilken är din favoritbok från barndomen? 📚', []),
  post('a11y-22', 'Sommarlov! ☀️🏖️📚🍦 Vad ska du läsa?', ['emoji-count']),
  post('a11y-23', 'Grattis till alla som klarade läsutmaningen 👏🏽👏🏽👏🏽 Vilken bok var bäst?', []),
  post('a11y-24', 'Vi har böcker för hela familjen 👨‍👩‍👧‍👦👩‍👩‍👦👨‍👨‍👧👨‍👩‍👧 Vad läser ni tillsammans?', [
    'emoji-count',
  ]),
  post('a11y-25', 'Böcker på många språk 🇸🇪🇺🇦🇸🇾🇸🇴🇮🇷 Vilket språk saknar du i hyllorna?', [
    'emoji-count',
  ]),
  post(
    'a11y-26',
    'Böcker på svenska, ukrainska och arabiska 🇸🇪🇺🇦🇸🇾 Vilket språk saknar du i hyllorna?',
    [],
  ),
  post(
    'a11y-27',
    'Topp 3 i november: 1️⃣ Deckare 2️⃣ Fantasy 3️⃣ Biografier. Vad toppar din lista?',
    [],
  ),
  post(
    'a11y-28',
    'Topp 5 i november: 1️⃣ Deckare 2️⃣ Fantasy 3️⃣ Biografier 4️⃣ Manga 5️⃣ Kokböcker. Vad toppar din lista?',
    ['emoji-count'],
  ),
  post(
    'a11y-29',
    'Bibliotekets logotyp är © Exempelkommun och namnet Bokbussen™ är registrerat. Frågor om bildrättigheter?',
    [],
  ),
  post(
    'a11y-30',
    'Ny sida om e-böcker och ljudböcker: https://exempelbiblioteket.se/e-media. Vad saknar du där?',
    [],
  ),
  post('a11y-31', 'https://exempelbiblioteket.se/e-media', ['bare-url']),
  post(
    'a11y-32',
    'Klicka här: https://exempelbiblioteket.se/lovprogram. Vad vill du göra på lovet?',
    ['bare-url'],
  ),
  post(
    'a11y-33',
    'Hela programmet för lovet:\nhttps://exempelbiblioteket.se/lovprogram\nVad vill du göra?',
    [],
  ),
  post('a11y-34', 'Se länken! https://ow.ly/aB12cD Vad tycker du?', ['url-shortener', 'bare-url']),
  post('a11y-35', 'Läs om bibliotekets nya strategi på buff.ly/4fGh1 och tyck till!', [
    'url-shortener',
  ]),
  post(
    'a11y-36',
    'Stadsbibliotekets sida om läsfrämjande: www.exempelbiblioteket.se/las. Vad borde vi göra mer av?',
    [],
  ),
  post(
    'a11y-37',
    'Vår film om bokbussen finns på YouTube: https://youtu.be/dQw4w9WgXcQ Vad tycker du om den?',
    [],
  ),
  post('a11y-38', 'Mer info: https://lnkd.in/eXyZ123 Vad tycker du?', [
    'url-shortener',
    'bare-url',
  ]),
  post(
    'a11y-39',
    'Sök i katalogen på https://exempelbiblioteket.se/sok?q=deckare&typ=bok så hittar du alla nya deckare. Vilken tar du först?',
    [],
  ),
  post(
    'a11y-40',
    'Vet du vad t.ex. bl.a. och s.k. betyder? Vi har en ordlista för dig som lär dig svenska.',
    [],
  ),
]

import type { CorpusStream } from './types.js'

const ANNOUNCE = [
  'Sagostund på lördag kl. 11. Välkommen!',
  'Nya deckare i hyllan. Kom och låna!',
  'Bokcirkeln träffas på tisdag kl. 18.30.',
  'Vi har öppet som vanligt i helgen.',
  'Författarbesök på torsdag kl. 19 i stora salen.',
  'Läxhjälp måndagar och torsdagar kl. 15–17.',
  'Nu finns sommarlovsprogrammet i lånedisken.',
  'Språkcafé varje onsdag kl. 17–19.',
  'Veckans boktips: Kallocain av Karin Boye.',
  'Digital fixarkväll på tisdag kl. 17.',
]
const ASK = [
  'Vilken bok läser du just nu?',
  'Tipsa oss om en bra ljudbok för bilresan!',
  'Vad tycker du om de nya öppettiderna?',
  '@maja_l Tack för tipset! Vi köper in boken.',
  'Rösta på nästa bok i bokcirkeln i kommentarerna.',
  'Berätta om ditt bästa biblioteksminne.',
  'Vilket språk vill du öva på i språkcaféet?',
  'Vi vill höra vad du tycker om sommarprogrammet.',
]

function stream(announce: number, ask: number): string[] {
  return [...ANNOUNCE.slice(0, announce), ...ASK.slice(0, ask)]
}

/** Recent posts of a library: the skyltfönster rule fires when over 70 % only announce. */
export const CORPUS_STREAMS: CorpusStream[] = [
  { id: 'stream-01', posts: stream(10, 0), expect: true },
  { id: 'stream-02', posts: stream(9, 1), expect: true },
  { id: 'stream-03', posts: stream(8, 2), expect: true },
  { id: 'stream-04', posts: stream(7, 3), expect: false },
  { id: 'stream-05', posts: stream(6, 4), expect: false },
  { id: 'stream-06', posts: stream(5, 5), expect: false },
  { id: 'stream-07', posts: stream(2, 8), expect: false },
  { id: 'stream-08', posts: stream(4, 0), expect: false },
  { id: 'stream-09', posts: stream(6, 1), expect: true },
  { id: 'stream-10', posts: stream(10, 5), expect: false },
  { id: 'stream-11', posts: stream(10, 3), expect: true },
  { id: 'stream-12', posts: [...stream(3, 1), ...stream(3, 0)], expect: true },
]

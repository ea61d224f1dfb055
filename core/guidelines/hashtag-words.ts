/**
 * Word parts common in library posts, for splitting an all-lowercase hashtag
 * into words a screen reader can say (#sommarlov → #SommarLov). Only whole
 * parts, no compounds, so the shortest split is the one into words. A tag
 * the list cannot split gets a capital first letter and a note, never a guess.
 */
const PARTS = `
bibliotek biblioteket bibliotekets bok boken böcker böckerna bokens
sommar sommaren höst hösten vinter vintern vår våren jul julen påsk sport lov lovet
läs läsa läser läsning klubb klubben läsare läsande glädje lust lyssna lyssnar
skriv skriva skrivar skrivande verkstad cirkel cirkeln språk café kafé kafe cafe
läx läxa läxor hjälp saga sago sagor sagan stund barn barnens unga ungdom ungdoms
familj familje pyssel film filmer musik konsert teater spel data kod kodning digital
dag dagen dagar vecka veckan veckans kväll kvällen natt natten morgon helg helgen
lördag söndag måndag tisdag onsdag torsdag fredag tips tipset nyhet nyheter ny nya
deckare deckar fantasy serie serier manga ljud poesi dikt dikter författare författar
besök möte mötes plats torg stad staden kommun mer fler alla för med och på vi du
dig oss lär lära världs världen text tid stor stora liten lilla glad glada sol snö
skola skol fritid fritids kultur kulturens vetenskap vetenskaps historia konst
mat natur djur rymd hem hemma ute inne tillsammans vänner vän röst röster
kärlek hopp fred tanke tankar tänk tänka prata fråga fråga frågor svar idé idéer
öppet öppna öppen kommer minns arkiv lokal
book books club reading read library summer love kids
`
  .split(/\s+/)
  .filter(Boolean)

const LEXICON = new Set(PARTS)
const MAX_PART = 14
const MAX_TAG = 40

/** The tag's words if it can be split into two or more known parts, else undefined. */
export function splitTag(body: string): string[] | undefined {
  if (body.length > MAX_TAG) return undefined
  const n = body.length
  // best[i]: the fewest parts covering body[0..i), with where the last part starts.
  const best: ({ parts: number; from: number } | undefined)[] = [{ parts: 0, from: 0 }]
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PART); j < i; j++) {
      const prior = best[j]
      if (!prior) continue
      const piece = body.slice(j, i)
      // A linking s joins Swedish compounds: världsbokdagen, ungdomsbibliotek.
      const known =
        LEXICON.has(piece) ||
        (piece.length > 3 && piece.endsWith('s') && LEXICON.has(piece.slice(0, -1)))
      if (known && (!best[i] || prior.parts + 1 < best[i]!.parts))
        best[i] = { parts: prior.parts + 1, from: j }
    }
  }
  if (!best[n] || best[n].parts < 2) return undefined
  const parts: string[] = []
  for (let i = n; i > 0; i = best[i]!.from) parts.unshift(body.slice(best[i]!.from, i))
  return parts
}

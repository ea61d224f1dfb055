import zlib from 'node:zlib'

/*
 * What a PDF/A-2 validator (veraPDF) checks first, read from a PDF's bytes
 * for tests: the file structure, the XMP identification, the output intent
 * and its ICC profile, embedded fonts with Unicode maps, tagging, and no
 * encryption. Not a validator: it parses what pdfkit writes (a classic xref
 * table, no object streams) and says what it finds.
 */

type Value =
  number | boolean | null | { name: string } | { ref: number } | { string: string } | Value[] | Dict
type Dict = { dict: Map<string, Value> }

interface PdfObject {
  value: Value
  stream?: Buffer
}

class Parser {
  at = 0
  constructor(private readonly text: string) {}

  private skip() {
    for (;;) {
      while (/\s/.test(this.text[this.at] ?? '')) this.at++
      if (this.text[this.at] !== '%') return
      while (this.at < this.text.length && !/[\r\n]/.test(this.text[this.at]!)) this.at++
    }
  }

  value(): Value {
    this.skip()
    const t = this.text
    if (t.startsWith('<<', this.at)) {
      this.at += 2
      const dict = new Map<string, Value>()
      for (;;) {
        this.skip()
        if (t.startsWith('>>', this.at)) {
          this.at += 2
          return { dict }
        }
        const key = this.value() as { name: string }
        dict.set(key.name, this.value())
      }
    }
    const c = t[this.at]!
    if (c === '[') {
      this.at++
      const list: Value[] = []
      for (;;) {
        this.skip()
        if (t[this.at] === ']') {
          this.at++
          return list
        }
        list.push(this.value())
      }
    }
    if (c === '/') {
      const m = /^\/[^\s/<>[\]()%{}]*/.exec(t.slice(this.at, this.at + 200))!
      this.at += m[0].length
      return { name: m[0].slice(1) }
    }
    if (c === '(') return { string: this.literal() }
    if (c === '<') {
      const end = t.indexOf('>', this.at)
      const hex = t.slice(this.at + 1, end).replace(/\s/g, '')
      this.at = end + 1
      return { string: Buffer.from(hex, 'hex').toString('latin1') }
    }
    const ref = /^(\d+)\s+(\d+)\s+R/.exec(t.slice(this.at, this.at + 40))
    if (ref) {
      this.at += ref[0].length
      return { ref: Number(ref[1]) }
    }
    const word = /^[^\s/<>[\]()%]+/.exec(t.slice(this.at, this.at + 40))![0]
    this.at += word.length
    if (word === 'true' || word === 'false') return word === 'true'
    if (word === 'null') return null
    return Number(word)
  }

  private literal(): string {
    let depth = 0
    let out = ''
    for (this.at++; ; this.at++) {
      const c = this.text[this.at]!
      if (c === '\\') {
        const n = this.text[++this.at]!
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }
        if (/[0-7]/.test(n)) {
          const oct = /^[0-7]{1,3}/.exec(this.text.slice(this.at, this.at + 3))![0]
          out += String.fromCharCode(parseInt(oct, 8))
          this.at += oct.length - 1
        } else if (n === '\r' || n === '\n') {
          if (n === '\r' && this.text[this.at + 1] === '\n') this.at++
        } else out += escapes[n] ?? n
        continue
      }
      if (c === '(') depth++
      if (c === ')' && depth-- === 0) {
        this.at++
        return out
      }
      out += c
    }
  }
}

/** A PDF's objects by number, its trailer, and its header lines. */
export function readPdf(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes)
  const text = buffer.toString('latin1')
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1])
  const xref = /^xref\s+(\d+)\s+(\d+)\s+/.exec(text.slice(startxref))
  if (!xref) throw new Error('no classic xref table at startxref')
  const first = Number(xref[1])
  const count = Number(xref[2])
  const objects = new Map<number, PdfObject>()
  const rows = text.slice(startxref + xref[0].length).split(/\r?\n|\r/)
  for (let i = 0; i < count; i++) {
    const row = /^(\d{10}) (\d{5}) ([nf])/.exec(rows[i]!.trim() + ' ')
    if (!row || row[3] !== 'n') continue
    const parser = new Parser(text)
    parser.at = Number(row[1])
    const header = /^(\d+) (\d+) obj/.exec(text.slice(parser.at, parser.at + 30))
    if (!header || Number(header[1]) !== first + i) throw new Error(`xref ${first + i} is wrong`)
    parser.at += header[0].length
    const value = parser.value()
    const object: PdfObject = { value }
    const after = /^\s*stream(\r\n|\n)/.exec(text.slice(parser.at, parser.at + 20))
    if (after && isDict(value)) {
      const length = value.dict.get('Length')
      const start = parser.at + after[0].length
      object.stream = buffer.subarray(start, start + (typeof length === 'number' ? length : 0))
    }
    objects.set(first + i, object)
  }
  const trailerAt = text.indexOf('trailer', startxref)
  const parser = new Parser(text)
  parser.at = trailerAt + 'trailer'.length
  const trailer = parser.value() as Dict
  const lines = text.slice(0, 64).split(/\r?\n|\r/)
  return {
    objects,
    trailer,
    header: lines[0]!,
    secondLine: buffer.subarray(lines[0]!.length + 1, lines[0]!.length + 1 + lines[1]!.length),
  }
}

function isDict(v: Value | undefined): v is Dict {
  return typeof v === 'object' && v !== null && 'dict' in v
}
const nameOf = (v: Value | undefined) =>
  typeof v === 'object' && v !== null && 'name' in v ? v.name : undefined
const stringOf = (v: Value | undefined) =>
  typeof v === 'object' && v !== null && 'string' in v ? v.string : undefined

/** A PDF string as text: UTF-16BE with its byte-order mark, or PDFDocEncoding's ASCII. */
function pdfText(s: string): string {
  if (s.startsWith('\u00fe\u00ff'))
    return Buffer.from(s.slice(2), 'latin1').swap16().toString('utf16le')
  return s
}

const xmlText = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&')

export interface PdfaReport {
  /** What keeps the file from being PDF/A-2 level A; empty when nothing does. */
  problems: string[]
  part: string | undefined
  conformance: string | undefined
  pdfuaPart: string | undefined
  title: string | undefined
  fonts: number
}

/** Reads a PDF's bytes as a PDF/A-2a validator would look at them first. */
export function checkPdfA(bytes: Uint8Array): PdfaReport {
  const problems: string[] = []
  const { objects, trailer, header, secondLine } = readPdf(bytes)
  const get = (v: Value | undefined): Value | undefined =>
    typeof v === 'object' && v !== null && 'ref' in v ? objects.get(v.ref)?.value : v
  const streamOf = (v: Value | undefined): Buffer | undefined => {
    if (typeof v !== 'object' || v === null || !('ref' in v)) return undefined
    const object = objects.get(v.ref)
    if (!object?.stream || !isDict(object.value)) return undefined
    const filter = nameOf(object.value.dict.get('Filter'))
    return filter === 'FlateDecode' ? zlib.inflateSync(object.stream) : object.stream
  }

  if (!/^%PDF-1\.[0-7]$/.test(header)) problems.push(`header ${header}`)
  // 6.1.2: a comment of at least four bytes above 127 right after the header.
  if (!(secondLine[0] === 0x25 && [...secondLine.subarray(1, 5)].every((b) => b > 127)))
    problems.push('no binary comment after the header')
  if (trailer.dict.has('Encrypt')) problems.push('encrypted')
  const id = trailer.dict.get('ID')
  if (!Array.isArray(id) || id.length !== 2) problems.push('no file identifier (trailer ID)')

  const catalog = get(trailer.dict.get('Root'))
  if (!isDict(catalog)) throw new Error('no catalog')
  const info = get(trailer.dict.get('Info'))
  const infoTitle = isDict(info) ? stringOf(get(info.dict.get('Title'))) : undefined

  // 6.6: XMP metadata, unfiltered, identifying the part and level.
  const metadataRef = catalog.dict.get('Metadata')
  const metadata = get(metadataRef)
  let xmp = ''
  if (!isDict(metadata) || nameOf(metadata.dict.get('Subtype')) !== 'XML')
    problems.push('no XMP metadata stream')
  else {
    if (metadata.dict.has('Filter')) problems.push('the XMP metadata stream is filtered')
    xmp = streamOf(metadataRef)?.toString('utf8') ?? ''
  }
  if (xmp && !xmp.startsWith('<?xpacket begin=')) problems.push('XMP without its xpacket header')
  const tag = (name: string) => {
    const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)
    return m ? xmlText(m[1]!.trim()) : undefined
  }
  const part = tag('pdfaid:part')
  const conformance = tag('pdfaid:conformance')
  const pdfuaPart = tag('pdfuaid:part')
  if (part !== '2') problems.push(`pdfaid:part is ${part}`)
  if (conformance !== 'A') problems.push(`pdfaid:conformance is ${conformance}`)
  // 6.6.2.3: a schema PDF/A does not predefine is described in the file.
  if (
    pdfuaPart !== undefined &&
    !/<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>/.test(
      xmp,
    )
  )
    problems.push('pdfuaid used in XMP without a PDF/A extension schema')
  const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1]
  const xmpTitle = title === undefined ? undefined : xmlText(title)
  // 6.6.3: the info dictionary and the XMP say the same.
  if (infoTitle !== undefined && xmpTitle !== pdfText(infoTitle))
    problems.push(`the XMP title (${xmpTitle}) is not the info title (${pdfText(infoTitle)})`)

  // 6.2.3: an output intent with an embedded ICC profile for the device colours used.
  const intents = get(catalog.dict.get('OutputIntents'))
  const intent = Array.isArray(intents)
    ? intents.map(get).find((i) => isDict(i) && nameOf(i.dict.get('S')) === 'GTS_PDFA1')
    : undefined
  if (!isDict(intent)) problems.push('no GTS_PDFA1 output intent')
  else {
    const profileRef = intent.dict.get('DestOutputProfile')
    const profile = streamOf(profileRef)
    const profileDict = get(profileRef)
    if (!profile || profile.toString('latin1', 36, 40) !== 'acsp')
      problems.push('the output intent has no ICC profile')
    else if (
      profile.toString('latin1', 16, 20) !== 'RGB ' ||
      !isDict(profileDict) ||
      profileDict.dict.get('N') !== 3
    )
      problems.push('the output profile is not an RGB profile with N 3')
  }

  // 6.7 (level A): tagged, with a structure tree and a language.
  const markInfo = get(catalog.dict.get('MarkInfo'))
  if (!isDict(markInfo) || markInfo.dict.get('Marked') !== true)
    problems.push('not marked (MarkInfo)')
  if (!isDict(get(catalog.dict.get('StructTreeRoot')))) problems.push('no StructTreeRoot')
  if (!stringOf(catalog.dict.get('Lang'))) problems.push('no document language (Lang)')

  // 6.1.7, 6.2.11: no JavaScript or launch actions; every font's program embedded, text mapped to Unicode.
  let fonts = 0
  for (const [n, object] of objects) {
    if (!isDict(object.value)) continue
    const dict = object.value.dict
    if (
      dict.has('JS') ||
      nameOf(dict.get('S')) === 'JavaScript' ||
      nameOf(dict.get('S')) === 'Launch'
    )
      problems.push(`object ${n} is a JavaScript or launch action`)
    if (nameOf(dict.get('Type')) !== 'Font') continue
    const subtype = nameOf(dict.get('Subtype'))
    if (subtype === 'Type3') continue
    fonts++
    let descriptorHolder = dict
    if (subtype === 'Type0') {
      if (!dict.has('ToUnicode')) problems.push(`font ${n} has no ToUnicode map`)
      const descendants = get(dict.get('DescendantFonts'))
      const descendant = Array.isArray(descendants) ? get(descendants[0]) : undefined
      if (!isDict(descendant)) {
        problems.push(`font ${n} has no descendant font`)
        continue
      }
      descriptorHolder = descendant.dict
      if (
        nameOf(descendant.dict.get('Subtype')) === 'CIDFontType2' &&
        !descendant.dict.has('CIDToGIDMap')
      )
        problems.push(`font ${n} (CIDFontType2) has no CIDToGIDMap`)
    }
    const descriptor = get(descriptorHolder.get('FontDescriptor'))
    const embedded =
      isDict(descriptor) &&
      ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.dict.has(k))
    if (!embedded)
      problems.push(`font ${n} (${nameOf(dict.get('BaseFont')) ?? '?'}) is not embedded`)
  }
  return { problems, part, conformance, pdfuaPart, title: xmpTitle, fonts }
}

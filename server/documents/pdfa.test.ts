import PDFDocument from 'pdfkit'
import { extractText, getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import { starterStrategy } from '../../core/strategy/starter.js'
import { entry, published } from '../archive/package/fixtures.js'
import { renderReadablePdf } from '../archive/package/readable-pdf.js'
import { checkPdfA } from '../test/pdfa.js'
import { renderPolicyPdf } from './policy-pdf.js'
import { renderReleasePdf } from './release-pdf.js'

/*
 * Every PDF Torget writes is PDF/A-2a and says PDF/UA-1: what a validator
 * (veraPDF) checks first is read from the bytes (server/test/pdfa.ts), and the
 * XMP is read again by pdf.js, whose XML parser gives nothing for a broken packet.
 */

const NAME = 'Bibliotek & Kultur <Garaget>'

async function* items() {
  yield {
    entry: published(1, 'Välkommen till sagostunden på lördag! 📚 مرحبا بكم'),
    file: 'e/1.json',
  }
  yield {
    entry: entry(2, {
      kind: 'item_received',
      person: { remoteId: 'did:plc:x', handle: 'lasare.bsky.social', name: 'Läsare' },
      content: {
        kind: 'item_received',
        interactionId: 'i-2',
        itemKind: 'reply',
        text: 'Har ni Пеппи Длинныйчулок på ukrainska?',
        author: { remoteId: 'did:plc:x', handle: 'lasare.bsky.social', name: 'Läsare' },
        subjectRemoteId: null,
        rootRemoteId: null,
        parentRemoteId: null,
        media: [],
      },
    }),
    file: 'e/2.json',
  }
}

async function readBack(pdf: Uint8Array) {
  const proxy = await getDocumentProxy(pdf)
  const { metadata } = await proxy.getMetadata()
  const { text } = await extractText(proxy, { mergePages: true })
  return { metadata, text: text.replace(/\s+/g, ' '), markInfo: await proxy.getMarkInfo() }
}

function expectPdfA(pdf: Uint8Array, title: string) {
  const report = checkPdfA(pdf)
  expect(report.problems).toEqual([])
  expect(report).toMatchObject({ part: '2', conformance: 'A', pdfuaPart: '1', title })
  expect(report.fonts).toBeGreaterThan(0)
}

describe('PDF/A-2a', () => {
  it('is what the delivery package’s readable PDFs are, with the text in every script but emoji', async () => {
    const pdf = await renderReadablePdf(
      { libraryName: NAME, month: '2025-01', part: 2, parts: 3, timeZone: 'Europe/Stockholm' },
      items(),
    )
    const title = `${NAME}: 2025-01 (del 2 av 3)`
    expectPdfA(pdf, title)
    const { metadata, text, markInfo } = await readBack(pdf)
    expect(metadata?.get('pdfaid:part')).toBe('2')
    expect(metadata?.get('pdfaid:conformance')).toBe('A')
    expect(metadata?.get('pdfuaid:part')).toBe('1')
    expect(metadata?.get('dc:title')).toBe(title)
    expect(markInfo).toMatchObject({ Marked: true })
    expect(text).toContain('Välkommen till sagostunden på lördag!')
    expect(text).toContain('مرحبا بكم')
    expect(text).toContain('Har ni Пеппи Длинныйчулок på ukrainska?')
    expect(text).toContain('Person: Läsare (@lasare.bsky.social)')
    expect(text).not.toContain('📚')
  })

  it('is what a release of public records and the policy are', async () => {
    const release = await renderReleasePdf(
      {
        library: { id: 'lib-1', name: NAME },
        request: {
          id: 'r-1',
          diarienummer: 'KS 2026/0042',
          receivedAt: '2026-03-01T09:00:00Z',
          description: '',
        },
        releasedAt: '2026-03-01T12:00:00Z',
        releasedBy: 'Arkivarie Åsa',
        locale: 'sv',
        timeZone: 'Europe/Stockholm',
      },
      [],
    )
    expectPdfA(release, 'Utlämnade allmänna handlingar – KS 2026/0042')
    const policy = await renderPolicyPdf(
      starterStrategy(),
      { libraryName: NAME, versionNumber: 3, approvedAt: '2026-05-06T10:00:00Z' },
      'sv',
    )
    expectPdfA(policy, `Policy för sociala medier – ${NAME}`)
    expect((await readBack(policy)).metadata?.get('dc:title')).toBe(
      `Policy för sociala medier – ${NAME}`,
    )
  })

  it('is told apart from a PDF that is not: a standard font not embedded, no identification, no output intent', async () => {
    const pdf = new PDFDocument({ pdfVersion: '1.7' })
    const chunks: Buffer[] = []
    pdf.on('data', (c: Buffer) => chunks.push(c))
    const done = new Promise((resolve) => pdf.on('end', resolve))
    pdf.text('Hej')
    pdf.end()
    await done
    const { problems } = checkPdfA(new Uint8Array(Buffer.concat(chunks)))
    expect(problems).toEqual(
      expect.arrayContaining([
        'pdfaid:part is undefined',
        'no GTS_PDFA1 output intent',
        'not marked (MarkInfo)',
        'no StructTreeRoot',
        expect.stringMatching(/^font \d+ \(Helvetica\) is not embedded$/),
      ]),
    )
  })
})

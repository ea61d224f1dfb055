import { extractText, getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import { starterStrategy } from '../../core/strategy/starter.js'
import { renderPolicyPdf } from './policy-pdf.js'

const META = {
  libraryName: 'Västerås stadsbibliotek',
  versionNumber: 3,
  approvedAt: '2026-05-06T10:00:00Z',
}

const SWEDISH = 'Vi når fler människor på Öland och i Västerås.'
const UKRAINIAN = 'Бібліотека відкрита для всіх щодня, і ми раді бачити вас у читальній залі.'
// Long enough to wrap: its first words must stay on the first line, at the right.
const ARABIC =
  'المكتبة مفتوحة للجميع كل يوم، ونحن سعداء برؤيتكم في قاعة القراءة والمطالعة مع أصدقائكم وعائلاتكم، ولا تنسوا أن تسألونا عن الكتب الجديدة باللغة العربية.'
const PERSIAN = 'کتابخانه برای همه باز است.'

/** The text a PDF reader (pdf.js, as in Firefox) gets out of the document, lines joined by spaces. */
async function readBack(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true })
  return text.replace(/\s+/g, ' ')
}

describe('the policy as PDF', () => {
  it('draws Swedish, Ukrainian, Arabic and Persian, each read back as written and in order', async () => {
    const document = starterStrategy()
    document.why.mission = SWEDISH
    document.why.strengths = [UKRAINIAN, ARABIC, PERSIAN]
    const pdf = await renderPolicyPdf(document, META, 'sv')
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-')
    const text = await readBack(pdf)
    expect(text).toContain('Policy för sociala medier – Västerås stadsbibliotek')
    expect(text).toContain('Varför vi finns i sociala medier')
    expect(text).toContain(SWEDISH)
    expect(text).toContain(UKRAINIAN)
    expect(text).toContain(ARABIC)
    expect(text).toContain(PERSIAN)
    expect(text).toContain('Ton och tilltal')
  })

  it('leaves out only what no font can draw (emoji), never the words around it', async () => {
    const document = starterStrategy()
    document.why.mission = 'Familjedag 👨‍👩‍👧 på lördag 🎉 – يوم العائلة'
    const text = await readBack(await renderPolicyPdf(document, META, 'en'))
    expect(text).toContain('Familjedag på lördag –')
    expect(text).toContain('يوم العائلة')
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u)
  })
})

import { say } from '../i18n.js'
import type { PostRule } from '../rule.js'
import type { Finding } from '../types.js'

// Names cameras and screenshot tools give files, and file names in general.
const FILE_NAME =
  /^(?:img|dsc|dscn|dcim|pxl|photo|image|bild|foto)[\s_-]?[\d\s_.:-]*(?:\.\w{2,4})?$|\.(?:jpe?g|png|gif|webp|heic|heif|tiff?|bmp|svg|avif)$|^(?:skärmavbild|skärmbild|screenshot|screen shot)\b/iu
const PLACEHOLDERS = new Set([
  'bild',
  'bilden',
  'foto',
  'fotot',
  'image',
  'photo',
  'picture',
  'img',
  'alt',
  'alt-text',
  'alttext',
  'bildtext',
  'grafik',
  'logo',
  'logga',
  'illustration',
])

export const imageAltRule: PostRule<'image-alt'> = {
  id: 'image-alt',
  check({ input, locale }, config) {
    const findings: Finding[] = []
    input.images.forEach((image, index) => {
      const alt = image.alt.trim()
      const n = index + 1
      if (alt === '') {
        findings.push({
          ruleId: 'image-alt',
          kind: 'missing',
          severity: config.severity,
          image: index,
          message: say(locale, `Bild ${n} saknar alt-text`, `Image ${n} has no alt text`),
          why: say(
            locale,
            'Alt-texten läses upp för den som inte ser bilden. Beskriv det viktiga: vilka, vad och var. Lagen om tillgänglighet (DOS-lagen) kräver den.',
            'Alt text is read aloud to people who cannot see the image. Describe what matters: who, what and where. Swedish accessibility law requires it.',
          ),
        })
      } else if (isWeak(alt)) {
        findings.push({
          ruleId: 'image-alt',
          kind: 'weak',
          severity: config.weakSeverity,
          image: index,
          message: say(
            locale,
            `Alt-texten för bild ${n} ("${alt}") beskriver inte bilden`,
            `The alt text of image ${n} ("${alt}") does not describe the image`,
          ),
          why: say(
            locale,
            'Ett filnamn eller ordet "bild" säger inget om vad bilden visar. Skriv det du skulle berätta för någon som inte ser den.',
            'A file name or the word "image" says nothing about what the image shows. Write what you would tell someone who cannot see it.',
          ),
        })
      }
    })
    return findings
  },
}

function isWeak(alt: string): boolean {
  if (alt.length > 200) return false
  const plain = alt.toLowerCase().replace(/[.:!]+$/u, '')
  return PLACEHOLDERS.has(plain) || FILE_NAME.test(alt) || !/\p{L}{2}/u.test(alt)
}

/**
 * A strict little XML reader for tests: elements, attributes, text, comments
 * and the declaration, nothing else (no DTD). It throws on anything not
 * well-formed that it meets, so a test can read documents it did not write
 * through the same code that wrote them.
 */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (all, name: string | undefined) => {
    if (!name) throw new Error('a bare & in XML')
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    const entity = ENTITIES[name]
    if (entity === undefined) throw new Error(`unknown entity ${all}`)
    return entity
  })
}

export function parseXml(source: string): XmlElement {
  let at = 0
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  const NAME = /[A-Za-z_][\w.:-]*/y
  const readName = () => {
    NAME.lastIndex = at
    const m = NAME.exec(source)
    if (!m) throw new Error(`expected a name at ${at}`)
    at += m[0].length
    return m[0]
  }
  const skipSpace = () => {
    while (/\s/.test(source[at] ?? '')) at++
  }
  while (at < source.length) {
    if (source.startsWith('<?', at)) {
      at = source.indexOf('?>', at) + 2
      if (at < 2) throw new Error('unterminated declaration')
    } else if (source.startsWith('<!--', at)) {
      at = source.indexOf('-->', at) + 3
      if (at < 3) throw new Error('unterminated comment')
    } else if (source.startsWith('</', at)) {
      at += 2
      const name = readName()
      skipSpace()
      if (source[at++] !== '>') throw new Error(`bad end tag ${name}`)
      const open = stack.pop()
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`)
    } else if (source[at] === '<') {
      at++
      const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' }
      for (;;) {
        skipSpace()
        if (source.startsWith('/>', at) || source[at] === '>') break
        const attribute = readName()
        skipSpace()
        if (source[at++] !== '=') throw new Error(`attribute ${attribute} without a value`)
        skipSpace()
        const quote = source[at++]
        if (quote !== '"' && quote !== "'") throw new Error(`unquoted ${attribute}`)
        const end = source.indexOf(quote, at)
        const raw = source.slice(at, end)
        if (end < 0 || raw.includes('<')) throw new Error(`bad value of ${attribute}`)
        if (attribute in element.attributes) throw new Error(`${attribute} twice`)
        element.attributes[attribute] = decode(raw)
        at = end + 1
      }
      const parent = stack.at(-1)
      if (parent) parent.children.push(element)
      else if (root) throw new Error('a second root element')
      else root = element
      if (source[at] === '>') {
        stack.push(element)
        at++
      } else at += 2
    } else {
      const end = source.indexOf('<', at)
      const text = source.slice(at, end < 0 ? source.length : end)
      const parent = stack.at(-1)
      if (parent) parent.text += decode(text)
      else if (text.trim()) throw new Error('text outside the root element')
      at = end < 0 ? source.length : end
    }
  }
  if (stack.length || !root) throw new Error('unclosed elements')
  return root
}

/** Every descendant (and the element itself) with that name. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found = element.name === name ? [element] : []
  for (const child of element.children) found.push(...findAll(child, name))
  return found
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name)
}

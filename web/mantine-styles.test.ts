import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const web = import.meta.dirname
// Two levels up from the package's ES module entry (esm/index.mjs).
const core = path.resolve(createRequire(import.meta.url).resolve('@mantine/core'), '..', '..')
const components = path.join(core, 'esm', 'components')

function files(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
}

/** The Mantine components Torget's pages import by name. */
function usedByTorget(): Set<string> {
  const used = new Set<string>()
  for (const file of files(web, '.tsx')) {
    const source = fs.readFileSync(file, 'utf8')
    for (const [, names] of source.matchAll(/import \{([^}]+)\} from '@mantine\/core'/g))
      for (const name of names!.split(','))
        used.add(
          name
            .replace(/^\s*type\s+/, '')
            .replace(/\s+as\s+.*$/s, '')
            .trim(),
        )
  }
  return used
}

/**
 * A component with the components it is built of (MultiSelect: Pill, PillsInput, Combobox, …): those
 * whose main module it imports, not a helper such as NavLink's AccordionChevron.
 */
function withParts(names: Set<string>): Set<string> {
  const all = new Set<string>()
  const todo = [...names].filter((n) => n && fs.existsSync(path.join(components, n)))
  while (todo.length) {
    const name = todo.pop()!
    if (all.has(name)) continue
    all.add(name)
    for (const file of files(path.join(components, name), '.mjs'))
      for (const [, part] of fs
        .readFileSync(file, 'utf8')
        .matchAll(/from "(?:\.\.\/)+(?:components\/)?([A-Z]\w+)\/\1\.mjs"/g))
        if (fs.existsSync(path.join(components, part!))) todo.push(part!)
  }
  return all
}

describe('the Mantine styles Torget loads', () => {
  it('include the style sheet of every component a page uses, and of the parts it is built of', () => {
    // Torget imports Mantine's styles one component at a time (web/mantine-styles.ts) to keep
    // the bundle small; a missing sheet leaves a component unstyled (a MultiSelect once showed a
    // bare text box inside its field), which no type check notices.
    const imported = new Set(
      [
        ...fs
          .readFileSync(path.join(web, 'mantine-styles.ts'), 'utf8')
          .matchAll(/@mantine\/core\/styles\/(\w+)\.css/g),
      ].map((m) => m[1]!),
    )
    const needed = [...withParts(usedByTorget())]
      .filter((name) => fs.existsSync(path.join(core, 'styles', `${name}.css`)))
      .sort()
    expect(needed).toContain('PillsInput')
    expect(needed.filter((name) => !imported.has(name))).toEqual([])
  })
})

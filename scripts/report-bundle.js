#!/usr/bin/env node
// Lists the JavaScript the browser loads before the first page can render:
// the entry script of dist/web/index.html, the chunks it preloads, and every
// chunk those import statically (dynamic import() chunks are route code and
// load later). Fails when their gzipped total exceeds the budget.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web')
const budgetKb = Number(process.env.TORGET_BUNDLE_BUDGET_KB ?? 200)

const indexPath = join(root, 'index.html')
if (!existsSync(indexPath)) {
  console.error(`No ${relative(process.cwd(), indexPath)}: run \`npx vite build\` first.`)
  process.exit(1)
}
const html = readFileSync(indexPath, 'utf8')

const initial = [
  ...html.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
].map((match) => match[1])

// `import x from"./a.js"`, `import"./a.js"` and `export * from"./a.js"`, never `import("./a.js")`.
const STATIC_IMPORT =
  /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g

const seen = new Set()
const queue = initial.map((src) => posix.normalize(src.replace(/^\//, '')))
while (queue.length > 0) {
  const file = queue.shift()
  if (seen.has(file)) continue
  seen.add(file)
  const code = readFileSync(join(root, file), 'utf8')
  for (const match of code.matchAll(STATIC_IMPORT)) {
    queue.push(posix.join(posix.dirname(file), match[1]))
  }
}

const rows = [...seen].map((file) => {
  const code = readFileSync(join(root, file))
  return { file, raw: code.length, gzip: gzipSync(code).length }
})
rows.sort((a, b) => b.gzip - a.gzip)

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8)
console.log('JavaScript loaded by index.html before the first route (gzip):')
for (const row of rows) console.log(`${kb(row.gzip)} KB  ${kb(row.raw)} KB raw  ${row.file}`)
const total = rows.reduce((sum, row) => sum + row.gzip, 0)
console.log(`${kb(total)} KB  total gzip, budget ${budgetKb} KB`)

if (total > budgetKb * 1024) {
  console.error(
    `Initial JavaScript is over budget by ${((total - budgetKb * 1024) / 1024).toFixed(1)} KB.`,
  )
  process.exit(1)
}

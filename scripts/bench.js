// `npm run bench -- <name>`: runs bench/<name>.ts. Exits non-zero when a target is missed,
// and leaves no process behind (see run-tracked.js).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild } from './ensure-build.js'
import { available, runTracked } from './run-tracked.js'

const names = available('bench')
const name = process.argv[2]
if (!name || !names.includes(name)) {
  console.error(`Usage: npm run bench -- <${names.join('|')}>`)
  process.exit(2)
}
// Benchmarks that start `torget serve` (themselves or through bench/lib/bench-db.ts) run the
// build; the others run the sources with tsx.
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench', `${name}.ts`)
const text = fs.readFileSync(file, 'utf8')
if (text.includes('bin/torget.js') || text.includes('lib/bench-db.js')) ensureBuild()
process.exit(await runTracked('bench', name, process.argv.slice(3)))

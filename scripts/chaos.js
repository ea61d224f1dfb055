// `npm run chaos -- <name>`: runs chaos/<name>.ts (fault injection against real parts on
// loopback). Exits non-zero when a check fails, and leaves no process behind (see run-tracked.js).
import { available, runTracked } from './run-tracked.js'

const names = available('chaos')
const name = process.argv[2]
if (!name || !names.includes(name)) {
  console.error(`Usage: npm run chaos -- <${names.join('|')}>`)
  process.exit(2)
}
process.exit(await runTracked('chaos', name, process.argv.slice(3)))

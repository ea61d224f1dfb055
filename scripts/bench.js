// `npm run bench -- <name>`: runs bench/<name>.ts against the built server.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild } from './ensure-build.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const available = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
const name = process.argv[2]
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join('|')}>`)
  process.exit(2)
}
ensureBuild()
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const result = spawnSync(tsx, [path.join(root, 'bench', `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
})
process.exit(result.status ?? 1)

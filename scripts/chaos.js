// `npm run chaos -- <name>`: runs chaos/<name>.ts (fault injection against real parts on loopback).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const available = fs
  .readdirSync(path.join(root, 'chaos'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
const name = process.argv[2]
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run chaos -- <${available.join('|')}>`)
  process.exit(2)
}
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const result = spawnSync(tsx, [path.join(root, 'chaos', `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
})
process.exit(result.status ?? 1)

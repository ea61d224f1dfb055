// Builds the server and web app when any source is newer than the build, so
// `npm start` and `npm test` work straight after `npm install`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < 22 || (major === 22 && minor < 12)) {
    console.error(
      `Torget needs Node.js 22.12 or later (24 LTS recommended; see .nvmrc). This is ${process.versions.node}.`,
    )
    process.exit(1)
  }
}

function newest(dir) {
  let latest = 0
  if (!fs.existsSync(dir)) return latest
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs)
  }
  return latest
}

export function ensureBuild() {
  const outputs = ['dist/server/cli/main.js', 'dist/web/index.html'].map((f) => path.join(root, f))
  const builtAt = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)))
  const sources = Math.max(
    ...['core', 'server', 'web'].map((d) => newest(path.join(root, d))),
    ...['package.json', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json'].map(
      (f) => fs.statSync(path.join(root, f)).mtimeMs,
    ),
  )
  if (builtAt > sources) return
  console.log('Building Torget (first start, or the sources changed)…')
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  const now = new Date()
  for (const f of outputs) fs.utimesSync(f, now, now)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  checkNode()
  ensureBuild()
}

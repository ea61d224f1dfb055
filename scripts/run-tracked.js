// Runs a benchmark or chaos script and makes sure nothing it started outlives it.
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Every process started on behalf of this run carries the tag in its
 * environment (bench/support.ts passes it on to what it spawns), so even a
 * grandchild in a process group of its own is found after the script died.
 */
function sweep(tag) {
  if (!fs.existsSync('/proc')) return 0
  let stopped = 0
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    let environ
    try {
      environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1')
    } catch {
      continue
    }
    if (!environ.split('\0').includes(`TORGET_BENCH_RUN=${tag}`)) continue
    try {
      process.kill(Number(entry), 'SIGKILL')
      stopped++
    } catch {
      // already gone
    }
  }
  return stopped
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal)
  } catch {
    // the group is empty
  }
}

/**
 * Runs `<folder>/<name>.ts` with tsx in a process group of its own. SIGINT
 * and SIGTERM are passed on to the whole group (then SIGKILL after 10 s);
 * when the script ends, however it ends, whatever it left behind is killed.
 * Resolves to the exit code to use: the script's, or 128 + the signal.
 */
export function runTracked(folder, name, args) {
  const tag = crypto.randomUUID()
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const child = spawn(tsx, [path.join(root, folder, `${name}.ts`), ...args], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, TORGET_BENCH_RUN: tag },
  })
  let interrupted
  const forward = (signal) => {
    interrupted ??= signal
    killGroup(child.pid, signal)
    setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref()
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      killGroup(child.pid, 'SIGKILL')
      const stopped = sweep(tag)
      if (stopped > 0)
        console.error(`${folder}/${name}: stopped ${stopped} process(es) it left behind`)
      const codes = { SIGINT: 130, SIGTERM: 143, SIGKILL: 137 }
      resolve(interrupted ? codes[interrupted] : (code ?? codes[signal] ?? 1))
    })
    child.once('error', (error) => {
      console.error(`${folder}/${name}: ${error.message}`)
      resolve(1)
    })
  })
}

/** The scripts in a folder, for the usage line. */
export function available(folder) {
  return fs
    .readdirSync(path.join(root, folder))
    .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && f !== 'support.ts')
    .map((f) => f.replace(/\.ts$/, ''))
}

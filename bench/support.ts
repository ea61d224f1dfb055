// What every benchmark shares: targets that decide the exit code, and child
// processes that never outlive the benchmark (a crashed calendar benchmark
// once left `torget serve` running, and whoever waited on its output waited
// forever).
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'

const checked: { label: string; ok: boolean }[] = []

/** Notes whether a target was met; returns the word for the table. */
export function check(label: string, ok: boolean): 'ok' | 'MISSED' {
  checked.push({ label, ok })
  return ok ? 'ok' : 'MISSED'
}

/** At the end of a benchmark: names every missed target and makes the exit code non-zero. */
export function failIfMissed(rows: readonly { label: string; ok: boolean }[] = checked): boolean {
  const missed = rows.filter((r) => !r.ok)
  if (missed.length === 0) return true
  console.error(`\nMissed ${missed.length} target(s): ${missed.map((r) => r.label).join('; ')}`)
  process.exitCode = 1
  return false
}

const children = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // the group is gone
  }
}

/**
 * Spawns a child in a process group of its own, so that it and anything it
 * starts are stopped together by `stopChildren` or when this process exits.
 * The run's tag (scripts/run-tracked.js) is passed on, whatever `env` says.
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  cleanupOnExit()
  const tag = process.env.TORGET_BENCH_RUN
  const child = spawn(command, args, {
    ...options,
    detached: true,
    env: { ...(options.env ?? process.env), ...(tag && { TORGET_BENCH_RUN: tag }) },
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Stops a child's process group: SIGTERM, then SIGKILL after `graceMs`; resolves when it exited. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    killGroup(child, 'SIGTERM')
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
  // Whatever the child started and left in its group.
  killGroup(child, 'SIGKILL')
}

/** Stops every child still running. */
export async function stopChildren(graceMs?: number): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, graceMs)))
}

let installed = false

/**
 * On SIGINT, SIGTERM or an uncaught error the children are stopped before
 * this process exits; on any exit the ones left are killed outright.
 */
export function cleanupOnExit(): void {
  if (installed) return
  installed = true
  const stopThenExit = (code: number) => {
    void stopChildren(2_000).finally(() => process.exit(code))
  }
  process.once('SIGINT', () => {
    console.error('\nInterrupted: stopping child processes')
    stopThenExit(130)
  })
  process.once('SIGTERM', () => stopThenExit(143))
  for (const event of ['uncaughtException', 'unhandledRejection'] as const)
    process.on(event, (error) => {
      console.error(error)
      stopThenExit(1)
    })
  process.on('exit', () => {
    for (const child of children) killGroup(child, 'SIGKILL')
  })
}

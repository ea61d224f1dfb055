import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import type { BlueskyNetwork } from '../server/test/bluesky.js'
import { freePort } from '../server/test/listen.js'

const root = path.resolve(import.meta.dirname, '..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Browser suites run where Chromium is installed; under CI=true its absence fails the run. */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true
  if (process.env.CI === 'true')
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing`)
  console.warn(`No Chromium at ${CHROMIUM}: browser suites are skipped locally.`)
  return false
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export interface RunningTorget {
  url: string
  dataDir: string
  output(): string
  /** The one-time setup code Torget printed at start, as the person installing it reads it. */
  setupCode(): Promise<string>
  stop(): Promise<void>
}

/** The built Torget (`npm run build`), as a person starts it, on a fresh data directory. */
export async function startTorget(
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<RunningTorget> {
  // A fixed port, not 0: emailed and shown links are built from TORGET_PUBLIC_URL / PORT.
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torget-e2e-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'bin/torget.js'), 'serve', ...args],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TORGET_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const until = Date.now() + 30_000
  let url: string | undefined
  while (!url) {
    url = out.match(/Torget is running: open (http:\/\/\S+)/)?.[1]
    if (child.exitCode !== null) throw new Error(`Torget exited: ${out}`)
    if (Date.now() > until) throw new Error(`Torget did not start: ${out}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url,
    dataDir,
    output: () => out,
    async setupCode() {
      const until = Date.now() + 10_000
      for (;;) {
        const code = out.match(/one-time setup code:\s+(\S+)/)?.[1]
        if (code) return code
        if (Date.now() > until) throw new Error(`Torget printed no setup code: ${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() is not subject to the page's Content-Security-Policy, which forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  // Contrast measured mid-fade is not the page's: let finite transitions end first (at most 5 s).
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]),
  )
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The demo's members all share this password (server/services/demo/demo-seed.ts). */
export const DEMO_PASSWORD = 'exempel-losenord'

/** Signs in through the sign-in page; returns the path of the library it lands in, /bibliotek/<id>. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  await page.goto(`${baseUrl}/logga-in`)
  await page.getByLabel('E-postadress', { exact: true }).fill(email)
  await page.getByLabel('Lösenord', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL(/\/bibliotek\/[\w-]+\//)
  return new URL(page.url()).pathname.split('/').slice(0, 3).join('/')
}

/**
 * Connects the test network's library account on Kanaler, as a person does, and waits for its
 * card: it appears only once the server has connected the account.
 */
export async function connectBluesky(
  page: Page,
  baseUrl: string,
  libraryPath: string,
  network: Pick<BlueskyNetwork, 'accounts' | 'pdsUrl'>,
): Promise<void> {
  await page.goto(`${baseUrl}${libraryPath}/kanaler`)
  const account = network.accounts.bibliotek
  await page.getByLabel('Användarnamn eller e-postadress').fill(account.handle)
  await page.getByLabel('Applösenord').fill(account.appPassword)
  await page.getByRole('button', { name: 'Avancerat' }).click()
  await page.getByLabel('Serverns adress (PDS, valfritt)').fill(network.pdsUrl)
  await page.getByRole('button', { name: 'Anslut Bluesky' }).click()
  await page
    .getByRole('link', { name: /bibliotek\.test på Bluesky/ })
    .first()
    .waitFor({ timeout: 60_000 })
}

/**
 * Calls the API as the person signed in on `page`, with their session and CSRF token, as the web
 * app does; for what a test sets up or checks beside the clicks it is about.
 */
export async function apiCall<T = any>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/auth/session')).json()
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return res.json()
    },
    { method, path, body },
  )
}

/** The Meta app the stand-in Graph API (server/adapters/meta/testing) and Torget share in e2e tests. */
export const META_APP = { id: '1234567890', secret: '0123456789abcdef0123456789abcdef' }

/** Torget's settings for Facebook and Instagram through the stand-in at `standUrl`, on loopback. */
export function metaEnv(standUrl: string): Record<string, string> {
  return {
    META_APP_ID: META_APP.id,
    META_APP_SECRET: META_APP.secret,
    META_GRAPH_URL: standUrl,
    META_DIALOG_URL: standUrl,
    // The stand-in fetches images from Torget on loopback, where Meta never could.
    META_REQUIRE_PUBLIC_URL: 'false',
  }
}

/**
 * Connects a Facebook Page, and its Instagram account when it has one, on Kanaler as a person
 * does: the button, Allow on the stand-in's consent page, the Page, then Connect. Waits until
 * each connected channel's card shows when its access ends. `whileChoosing` runs on the page
 * where the Page is chosen, before it is.
 */
export async function connectMeta(
  page: Page,
  baseUrl: string,
  libraryPath: string,
  options: {
    pageName: string
    instagram?: string
    whileChoosing?: (page: Page) => Promise<void>
  },
): Promise<void> {
  await page.goto(`${baseUrl}${libraryPath}/kanaler`)
  await page.getByRole('button', { name: 'Anslut Facebook och Instagram' }).click()
  await page.getByRole('heading', { name: 'Allow Torget?' }).waitFor()
  await page.getByRole('button', { name: 'Allow' }).click()
  await page.getByRole('heading', { name: 'Välj bibliotekets sida' }).waitFor()
  await options.whileChoosing?.(page)
  await page.getByRole('radio', { name: options.pageName }).check()
  if (options.instagram)
    await page.getByRole('checkbox', { name: `Instagramkontot @${options.instagram}` }).waitFor()
  await page.getByRole('button', { name: 'Anslut valda konton' }).click()
  const cards = options.instagram ? 2 : 1
  const expiries = page.getByText(/Åtkomsten går ut/)
  for (let waited = 0; (await expiries.count()) < cards; waited += 250) {
    if (waited > 30_000) throw new Error(`${options.pageName} did not connect within 30 s`)
    await page.waitForTimeout(250)
  }
}

/** The next whole minute at least `leadMs` away, as the library's clock shows it (Europe/Stockholm). */
export function stockholmMinute(leadMs: number) {
  const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000)
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return {
    at,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  }
}

/** The top-level keys of the web app's texts: a text starting with one of them is a missing text. */
const TEXT_ROOTS = [
  path.join(root, 'web/i18n/sv.json'),
  ...fs.globSync(path.join(root, 'web/i18n/sv/*.json')),
]
  .flatMap((file) => Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as object))
  .join('|')
/** What i18next shows for a text it lacks: its key, such as `statistics.networks.practice`. */
const TEXT_KEY = new RegExp(`(?<![\\w/.@-])(?:${TEXT_ROOTS})(?:\\.[A-Za-z0-9_]+)+(?![\\w@-])`, 'g')

/** Keys shown on the page in place of a text (a text missing in the page's language). */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText)
  return [...new Set(text.match(TEXT_KEY) ?? [])]
}

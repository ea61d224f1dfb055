// `npm run screenshots [-- --lang=en] [-- --out=DIR]`: starts the built Torget with the living
// demo on a fresh data directory and a free port, signs in as a member in headless Chromium, and
// saves a PNG of each page the README shows (docs/screenshots/ by default). English pictures go
// to a temporary folder unless --out is given: the README shows Torget as it starts, in Swedish.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import sharp from 'sharp'
import { ensureBuild } from './ensure-build.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? undefined
const lang = arg('lang') ?? 'sv'
const out = path.resolve(
  arg('out') ??
    (lang === 'sv'
      ? path.join(root, 'docs', 'screenshots')
      : fs.mkdtempSync(path.join(os.tmpdir(), 'torget-screenshots-'))),
)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }
const PASSWORD = 'exempel-losenord'

/** The pictures: the page, who looks at it, and at what size. */
const SHOTS = [
  { file: 'kalender', path: 'planering', as: 'redaktor' },
  { file: 'skriv', path: 'inlagg/nytt', as: 'skribent', type: true },
  { file: 'inkorg', path: 'inkorg', as: 'svarare', wait: 'Maja Läsglad' },
  { file: 'statistik', path: 'statistik', as: 'ansvarig', scrollTo: 'Aktivitet över tid' },
  { file: 'min-vag', path: 'min-vag', as: 'ansvarig', scrollTo: 'Personalens väg' },
  { file: 'ideer', path: 'ideer', as: 'lasare', viewport: PHONE, scrollTo: 'Idéer på tavlan' },
]
// The same headings in English, for --lang=en.
const ENGLISH = {
  'Aktivitet över tid': 'Activity over time',
  'Personalens väg': "The staff's path",
  'Idéer på tavlan': 'Ideas on the board',
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function startTorget() {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torget-screenshots-data-'))
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [path.join(root, 'bin/torget.js'), 'serve', '--demo'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TORGET_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      TORGET_PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const deadline = Date.now() + 120_000
  while (!output.includes('Torget is running')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`Torget did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const seeded = output.match(/Seeded Exempelbiblioteket[^\n]*/)?.[0]
  if (seeded) console.log(seeded)
  return {
    url,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function signIn(browser, url, who, viewport) {
  const context = await browser.newContext({
    viewport,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  })
  const page = await context.newPage()
  await page.goto(`${url}/logga-in`)
  await page.locator('input[type=email]').fill(`${who}@exempelbiblioteket.se`)
  await page.locator('input[type=password]').fill(PASSWORD)
  await page.locator('button[type=submit]').click()
  await page.waitForURL(/\/bibliotek\/[\w-]+\//)
  if (lang !== 'sv') {
    // As the language switch does: the member's own choice, kept on their account.
    const session = await (await context.request.get(`${url}/api/v1/auth/session`)).json()
    const saved = await context.request.patch(`${url}/api/v1/me`, {
      data: { locale: lang },
      headers: { 'X-CSRF-Token': session.csrfToken },
    })
    if (!saved.ok()) throw new Error(`could not switch to ${lang}: ${saved.status()}`)
  }
  const libraryPath = new URL(page.url()).pathname.match(/^\/bibliotek\/[\w-]+/)[0]
  return { page, context, libraryPath }
}

ensureBuild()
fs.mkdirSync(out, { recursive: true })
const torget = await startTorget()
const browser = await chromium.launch({
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
try {
  // The worker publishes what is due and reads the personas at start; give it a moment.
  await new Promise((r) => setTimeout(r, 3000))
  for (const shot of SHOTS) {
    const { page, context, libraryPath } = await signIn(
      browser,
      torget.url,
      shot.as,
      shot.viewport ?? DESKTOP,
    )
    await page.goto(`${torget.url}${libraryPath}/${shot.path}`)
    await page.waitForLoadState('networkidle')
    if (shot.wait) await page.getByText(shot.wait).first().waitFor({ timeout: 30_000 })
    if (shot.scrollTo) {
      const name = lang === 'sv' ? shot.scrollTo : ENGLISH[shot.scrollTo]
      const heading = page.getByRole('heading', { name }).first()
      await heading.waitFor({ timeout: 30_000 })
      await heading.evaluate((el) => {
        el.scrollIntoView({ block: 'start' })
        // Below the sticky header.
        el.ownerDocument.defaultView.scrollBy(0, -88)
      })
    }
    if (shot.type) {
      const box = page.getByRole('textbox').first()
      await box.click()
      await box.fill(
        'Sagostund på lördag klockan 11! Vi läser böcker om vintern för barn 3–5 år. Ingen anmälan, bara kom till barnavdelningen.',
      )
    }
    await page.waitForTimeout(800)
    const png = await page.screenshot({ fullPage: false })
    const file = path.join(out, `${shot.file}.png`)
    // A palette PNG: a screen of text and flat colours loses nothing visible and weighs a third.
    await sharp(png).png({ palette: true, quality: 90, compressionLevel: 9 }).toFile(file)
    console.log(`${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`)
    await context.close()
  }
} finally {
  await browser.close()
  await torget.stop()
}

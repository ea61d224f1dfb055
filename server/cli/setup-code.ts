import type { PendingSetupCode } from '../services/setup-code.js'

/** What `serve` and `doctor` print while no account exists. */
export function setupCodeInstructions(publicUrl: string, setup: PendingSetupCode): string {
  if (setup.fromEnvironment)
    return `First visit: open ${publicUrl}/setup and give the setup code set in TORGET_SETUP_CODE.`
  return [
    `First visit: open ${publicUrl}/setup and give this one-time setup code:`,
    '',
    `    ${setup.code}`,
    '',
    'It proves that whoever creates the first account can also see this server.',
    '`torget doctor` shows it again; it stops working once the first account exists.',
  ].join('\n')
}

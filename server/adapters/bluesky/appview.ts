import { XRPCError } from '@atproto/api'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { spend } from './rate-budget.js'
import type { SignedIn } from './session.js'

type Params = Record<string, string | number | readonly string[] | undefined>

/**
 * A read of the AppView through the account's PDS, which forwards app.bsky.*
 * to the AppView it is configured with. Unlike the agent's typed methods, it
 * does not check the whole answer against the lexicon: one odd entry among
 * fifty must not cost the other forty-nine, so each entry is checked with zod
 * where it is used. Errors are XRPCErrors, so the session ladder and
 * toChannelError treat them like any other call's.
 */
export async function appViewQuery(
  s: SignedIn,
  budget: SharedRateBudget,
  nsid: string,
  params: Params,
): Promise<unknown> {
  await spend(budget, s.did, 'read')
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, String(v))
  }
  let response: Response
  try {
    response = await s.agent.sessionManager.fetchHandler(`/xrpc/${nsid}?${query}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
    })
  } catch (error) {
    throw XRPCError.from(error)
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown }
    throw new XRPCError(
      response.status,
      typeof error === 'string' ? error : undefined,
      typeof message === 'string' ? message : `${nsid} answered ${response.status}`,
      Object.fromEntries(response.headers.entries()),
    )
  }
  if (body === undefined) throw new XRPCError(2, 'InvalidResponse', `${nsid} answered no JSON`)
  return body
}

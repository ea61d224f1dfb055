import { AsyncLocalStorage } from 'node:async_hooks'

// The request id reaches the audit log without every service taking it as an argument: it is
// about tracing, not about the rules, and a service called from a job or the CLI has none.
const scope = new AsyncLocalStorage<{ requestId: string }>()

/** Runs the rest of a request with its id known to what it calls. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId }, work)
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | null {
  return scope.getStore()?.requestId ?? null
}

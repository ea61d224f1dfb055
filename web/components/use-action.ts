import { useCallback, useState } from 'react'
import { fieldErrors } from '../api/client.js'

/**
 * A request a person starts with a button: whether it is running, what went
 * wrong (for ErrorAlert) and the field-level problems (for inputs' `error`).
 * `run` keeps the error instead of throwing, so a handler can be `void run(…)`.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }, [])
  const clear = useCallback(() => setError(null), [])
  return { busy, error, problems: fieldErrors(error), run, clear }
}

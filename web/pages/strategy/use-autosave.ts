import { useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import {
  type StrategyDocument,
  type StrategyDraft,
  strategyDocumentSchema,
} from '../../../core/schemas/strategy.js'
import { isApiError } from '../../api/client.js'
import { saveDraft, strategyQuery } from '../../api/strategy.js'
import { type Path, setIn } from './fields.js'

export type SaveState = 'saved' | 'pending' | 'saving' | 'invalid' | 'conflict' | 'error'

const DEBOUNCE_MS = 1000

function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'array'
        ? t('strategy.errors.tooMany', { max: issue.maximum })
        : issue.origin === 'string'
          ? t('strategy.errors.tooLong', { max: issue.maximum })
          : t('strategy.errors.tooBig', { max: issue.maximum })
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? t('strategy.errors.required')
          : t('strategy.errors.tooShort', { min: issue.minimum })
        : issue.origin === 'array'
          ? t('strategy.errors.atLeastOne')
          : t('strategy.errors.tooSmall', { min: issue.minimum })
    case 'invalid_format':
      return t('strategy.errors.format')
    case 'custom':
      // The answer target's own checks (core/inbox/response-time.ts).
      if (issue.path.includes('target')) {
        return issue.path.at(-1) === 'close'
          ? t('responseTarget.closeAfterOpen')
          : t('responseTarget.someDayOpen')
      }
      return issue.path.at(-1) === 'defaultAudience'
        ? t('strategy.errors.defaultAudience')
        : t('strategy.errors.uniqueAudiences')
    default:
      return t('strategy.errors.invalid')
  }
}

/** The draft's problems by dotted path, checked with the same schema the server uses. */
export function documentErrors(doc: StrategyDocument, t: TFunction): Record<string, string> {
  const result = strategyDocumentSchema.safeParse(doc)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) errors[issue.path.join('.')] ??= issueMessage(issue, t)
  return errors
}

/**
 * The draft being edited, saved a second after the last change. Saves run one
 * at a time, each with the version the last one returned; a save refused as a
 * conflict stops autosave until the person reloads, so nothing is overwritten.
 */
export function useAutosave(libraryId: string, initial: StrategyDraft) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [doc, setDoc] = useState(initial.document)
  const [state, setState] = useState<SaveState>('saved')
  const [savedAt, setSavedAt] = useState(initial.updatedAt)
  const [error, setError] = useState<unknown>()
  const errors = useMemo(() => documentErrors(doc, t), [doc, t])

  const latest = useRef(doc)
  latest.current = doc
  const valid = useRef(true)
  valid.current = Object.keys(errors).length === 0
  const version = useRef(initial.version)
  const sent = useRef(JSON.stringify(initial.document))
  const running = useRef<Promise<void>>(Promise.resolve())
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const stopped = useRef(false)

  const saveOnce = useCallback(async () => {
    if (stopped.current) return
    const document = latest.current
    const json = JSON.stringify(document)
    // Version 0 is the starter text, not yet stored: saving it is how a version can be made of it.
    if (json === sent.current && version.current > 0) return setState('saved')
    if (!valid.current) return setState('invalid')
    setState('saving')
    try {
      const saved = await saveDraft(libraryId, { version: version.current, document })
      version.current = saved.version
      sent.current = json
      setSavedAt(saved.updatedAt)
      setError(undefined)
      queryClient.setQueryData(strategyQuery(libraryId).queryKey, (old) =>
        old ? { ...old, draft: saved } : old,
      )
      setState(JSON.stringify(latest.current) === json ? 'saved' : 'pending')
    } catch (failure) {
      if (isApiError(failure, 'strategy_version_conflict')) {
        stopped.current = true
        setState('conflict')
      } else setState('error')
      setError(failure)
    }
  }, [libraryId, queryClient])

  /** Saves now (after any save in flight); true when what is on screen is saved. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current)
    running.current = running.current.then(saveOnce)
    await running.current
    return (
      !stopped.current && version.current > 0 && JSON.stringify(latest.current) === sent.current
    )
  }, [saveOnce])

  const schedule = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS)
  }, [saveNow])

  const update = useCallback(
    (path: Path, value: unknown) => {
      setDoc((current) => setIn(current, path, value))
      if (!stopped.current) setState('pending')
      schedule()
    },
    [schedule],
  )

  // The draft is re-checked as it changes, so "not saved" shows at once, not a second later.
  useEffect(() => {
    if (state === 'pending' && !valid.current) setState('invalid')
    if (state === 'invalid' && valid.current) {
      setState('pending')
      schedule()
    }
  }, [errors, state, schedule])

  // Leaving the page saves what is waiting; closing the tab first asks.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(latest.current) !== sent.current) event.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => {
      window.removeEventListener('beforeunload', warn)
      if (JSON.stringify(latest.current) !== sent.current) void saveNow()
    }
  }, [saveNow])

  /** Takes the draft as the server has it now, after a conflict. */
  const reload = useCallback(async () => {
    const fresh = await queryClient.fetchQuery({ ...strategyQuery(libraryId), staleTime: 0 })
    clearTimeout(timer.current)
    version.current = fresh.draft.version
    sent.current = JSON.stringify(fresh.draft.document)
    stopped.current = false
    setDoc(fresh.draft.document)
    setSavedAt(fresh.draft.updatedAt)
    setError(undefined)
    setState('saved')
  }, [libraryId, queryClient])

  return {
    doc,
    update,
    errors,
    state,
    savedAt,
    error,
    saveNow,
    reload,
    version: () => version.current,
  }
}

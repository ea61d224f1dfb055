import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'

const Announce = createContext<(message: string) => void>(() => undefined)

/** What a screen reader user should hear after a shortcut or a colleague's change. */
export function useAnnounce(): (message: string) => void {
  return useContext(Announce)
}

/** One polite live region for the whole inbox, so messages never talk over each other. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState({ text: '', n: 0 })
  // The counter changes the node's key: the same words said twice are still read twice.
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), [])
  return (
    <Announce.Provider value={announce}>
      {children}
      <div aria-live="polite" aria-atomic="true" className="visually-hidden">
        <span key={message.n}>{message.text}</span>
      </div>
    </Announce.Provider>
  )
}

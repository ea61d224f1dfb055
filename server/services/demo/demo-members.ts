import type { Role } from '../../../core/roles.js'

export const DEMO_LIBRARY_NAME = 'Exempelbiblioteket'
export const DEMO_PASSWORD = 'exempel-losenord'
export const DEMO_MEMBERS: { role: Role; email: string; name: string }[] = [
  { role: 'admin', email: 'ansvarig@exempelbiblioteket.se', name: 'Anna Ansvarig' },
  { role: 'editor', email: 'redaktor@exempelbiblioteket.se', name: 'Rasmus Redaktör' },
  { role: 'writer', email: 'skribent@exempelbiblioteket.se', name: 'Sara Skribent' },
  { role: 'responder', email: 'svarare@exempelbiblioteket.se', name: 'Sven Svarare' },
  { role: 'reader', email: 'lasare@exempelbiblioteket.se', name: 'Lena Läsare' },
]

/** The living library's newest member: a Skribent who joined ten days ago (the practice part). */
export const NEWCOMER = { email: 'nyanstalld@exempelbiblioteket.se', name: 'Nora Nyanställd' }

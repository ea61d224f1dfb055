import { guidelinePolicySchema } from '../policy.js'

/** The approved policy of Exempelbiblioteket, a fictional library the corpus is written for. */
export const CORPUS_POLICY = guidelinePolicySchema.parse({
  policySource: 'approved',
  allowedContacts: ['08-465 004 00', '0980-319 200', 'elin.berg@exempelbiblioteket.se'],
  forbiddenWords: [
    { phrase: 'idiot', reason: 'Nedsättande ord hör inte hemma i bibliotekets kanaler.' },
    { phrase: 'knäppgök' },
    { phrase: 'handikappad', reason: 'Skriv "person med funktionsnedsättning".' },
    {
      phrase: 'gratis',
      instead: 'avgiftsfritt',
      reason: 'Inget är gratis – det betalas med skatt. Skriv avgiftsfritt.',
    },
    { phrase: 'missa inte', reason: 'Vi lockar inte som en butik; berätta vad som händer.' },
    { phrase: 'sist men inte minst' },
    { phrase: 'f*n' },
  ],
})

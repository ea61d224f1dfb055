import { useTranslation } from 'react-i18next'
import {
  SAVED_REPLY_PLACEHOLDERS,
  renderSavedReply,
  unknownPlaceholders,
} from '../../../core/inbox/placeholders.js'
import type { PlaceholderInfo } from './placeholder-help.js'

/** The placeholders a saved reply may use, in the reader's language, and the checks on a body. */
export function usePlaceholders() {
  const { i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const list: PlaceholderInfo[] = SAVED_REPLY_PLACEHOLDERS.map((placeholder) => ({
    name: placeholder.name,
    meaning: placeholder.description[locale],
    example: placeholder.example[locale],
  }))
  const examples = Object.fromEntries(list.map((p) => [p.name, p.example]))
  return {
    list,
    unknown: (body: string) => unknownPlaceholders(body),
    preview: (body: string) => renderSavedReply(body, examples),
  }
}

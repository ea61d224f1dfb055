import { useTranslation } from 'react-i18next'
import {
  PLACEHOLDERS,
  type PlaceholderKey,
  findPlaceholders,
  renderSavedReply,
} from '../../../core/inbox/placeholders.js'
import { useMembership, useRequiredSession } from '../../api/use-session.js'
import type { PlaceholderInfo } from './placeholder-help.js'

/** The placeholders a saved reply may use, in the reader's language, and the checks on a body. */
export function usePlaceholders(libraryId: string) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const session = useRequiredSession()
  const membership = useMembership(libraryId)
  // The preview uses this library's and this person's own words where it can.
  const examples: Record<PlaceholderKey, string> = {
    name: t('inboxSettings.replies.examples.name'),
    link: t('inboxSettings.replies.examples.link'),
    library: membership.libraryName,
    channel: 'Bluesky',
    member: session.user.name.split(' ')[0] ?? session.user.name,
  }
  const list: PlaceholderInfo[] = PLACEHOLDERS.map((placeholder) => ({
    name: placeholder.names[locale],
    meaning: placeholder.description[locale],
    example: examples[placeholder.key],
  }))
  return {
    list,
    unknown: (body: string) => [
      ...new Set(findPlaceholders(body).flatMap((match) => (match.key ? [] : [match.name]))),
    ],
    preview: (body: string) => renderSavedReply(body, examples).text,
  }
}

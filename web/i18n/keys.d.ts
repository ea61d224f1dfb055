import 'i18next'
import type sv from './sv.json'
import type approvalTexts from './sv/approval.json'
import type archiveTexts from './sv/archive.json'
import type auditTexts from './sv/audit.json'
import type calendarTexts from './sv/calendar.json'
import type campaignsTexts from './sv/campaigns.json'
import type channelMixTexts from './sv/channel-mix.json'
import type dateTimeTexts from './sv/date-time.json'
import type goalProgressTexts from './sv/goal-progress.json'
import type ideasTexts from './sv/ideas.json'
import type imageShapeTexts from './sv/image-shape.json'
import type inboxSettingsTexts from './sv/inbox-settings.json'
import type inboxTexts from './sv/inbox.json'
import type ladderTexts from './sv/ladder.json'
import type metaProblemsTexts from './sv/meta-problems.json'
import type metaTexts from './sv/meta.json'
import type pathTexts from './sv/path.json'
import type postLanguageTexts from './sv/post-language.json'
import type previewRulesTexts from './sv/preview-rules.json'
import type reportsTexts from './sv/reports.json'
import type responseTargetTexts from './sv/response-target.json'
import type statisticsTexts from './sv/statistics.json'

/** Every text of the web app, Swedish being the default and complete language. */
export type Texts = typeof sv &
  typeof approvalTexts &
  typeof archiveTexts &
  typeof auditTexts &
  typeof calendarTexts &
  typeof campaignsTexts &
  typeof channelMixTexts &
  typeof dateTimeTexts &
  typeof goalProgressTexts &
  typeof ideasTexts &
  typeof imageShapeTexts &
  typeof inboxSettingsTexts &
  typeof inboxTexts &
  typeof ladderTexts &
  typeof metaProblemsTexts &
  typeof metaTexts &
  typeof pathTexts &
  typeof postLanguageTexts &
  typeof previewRulesTexts &
  typeof reportsTexts &
  typeof responseTargetTexts &
  typeof statisticsTexts

// t() accepts only keys that exist, so a text missing in Swedish (or a key built from a value
// with no text, such as a network the page did not list) fails the typecheck instead of
// showing its key. server/http/i18n-parity.test.ts holds English to the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Texts }
  }
}

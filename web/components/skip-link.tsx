import { useTranslation } from 'react-i18next'

export const MAIN_ID = 'main-content'

/** First focusable element on every page: jumps past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation()
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        // Move focus ourselves: a hash change would also be read as a route change.
        event.preventDefault()
        const main = document.getElementById(MAIN_ID)
        main?.focus()
        main?.scrollIntoView()
      }}
    >
      {t('app.skipToContent')}
    </a>
  )
}

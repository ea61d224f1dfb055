import { useTranslation } from 'react-i18next'
import type { CalendarEvent } from '../../../core/schemas/index.js'

/** One of the library's own events on its day; a cancelled one says so in words, not only by a line through. */
export function CalendarEventLine({ event }: { event: CalendarEvent }) {
  const { t } = useTranslation()
  return (
    <p className="cal-event" data-cancelled={event.cancelled || undefined}>
      <span className="visually-hidden">{t('calendar.event')}: </span>
      {event.time && `${event.time} `}
      {event.cancelled ? <s>{event.title}</s> : event.title}
      {event.cancelled && <> ({t('calendar.eventCancelled')})</>}
    </p>
  )
}

import { Button, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CalendarEntry } from './calendar-item.js'
import type { DayContent, EntryContext } from './day-grid.js'
import { CalendarEventLine } from './calendar-event.js'

const PAGE = 300

/** The list view: the period's days that hold something, in order, every post in full width. */
export function AgendaList({
  days,
  content,
  context,
}: {
  days: string[]
  content: Map<string, DayContent>
  context: EntryContext
}) {
  const { t } = useTranslation()
  const [limit, setLimit] = useState(PAGE)
  const busy = days.filter((d) => {
    const c = content.get(d)
    return c && (c.items.length > 0 || c.holidays.length > 0 || c.events.length > 0)
  })
  if (busy.length === 0)
    return (
      <Text className="prose" py="md">
        {t('calendar.emptyPeriod')}
      </Text>
    )
  let budget = limit
  const visible: string[] = []
  for (const day of busy) {
    if (budget <= 0) break
    visible.push(day)
    budget -= Math.max(1, content.get(day)!.items.length)
  }
  const total = busy.reduce((n, d) => n + content.get(d)!.items.length, 0)
  return (
    <div className="cal-agenda">
      {visible.map((date) => {
        const day = content.get(date)!
        return (
          <section key={date} className="cal-agenda-day" aria-labelledby={`cal-day-${date}`}>
            <h3 id={`cal-day-${date}`} className="cal-agenda-heading">
              {context.dayName(date)}
            </h3>
            {day.holidays.map((h) => (
              <p key={h.id} className="cal-holiday" data-kind={h.kind}>
                {h.name[context.locale]}
              </p>
            ))}
            {day.events.map((e) => (
              <CalendarEventLine key={e.id} event={e} />
            ))}
            {day.items.length > 0 && (
              <ul className="cal-entries plain-list">
                {day.items.map((item) => (
                  <li key={item.id}>
                    <CalendarEntry
                      item={item}
                      libraryId={context.libraryId}
                      channels={context.channels}
                      movable={context.mayMove(item)}
                      onMove={context.onMove}
                      variant="full"
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      })}
      {visible.length < busy.length && (
        <Button variant="default" onClick={() => setLimit((l) => l + PAGE)}>
          {t('calendar.showMore', { shown: limit, total })}
        </Button>
      )}
    </div>
  )
}

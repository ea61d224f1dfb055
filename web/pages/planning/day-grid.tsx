import { Loader, Popover } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { memo, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CalendarEvent, CalendarHoliday, CalendarItem } from '../../../core/schemas/index.js'
import type { calendarQuery } from '../../api/calendar.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { type AnyItem, CalendarEntry, type ChannelNetworks } from './calendar-item.js'
import { CalendarEventLine } from './calendar-event.js'

export interface DayContent {
  items: CalendarItem[]
  /** How many posts the day holds; the month grid is sent only the first few. */
  count: number
  holidays: CalendarHoliday[]
  events: CalendarEvent[]
}

export interface EntryContext {
  libraryId: string
  channels: ChannelNetworks
  mayMove: (item: AnyItem) => boolean
  onMove: (item: AnyItem) => void
  onDrop: (postId: string, date: string) => void
  remember: (items: AnyItem[]) => void
  dayName: (date: string) => string
  locale: 'sv' | 'en'
  /** The whole of one day, for its "+N till". */
  dayQuery: (date: string) => ReturnType<typeof calendarQuery>
}

const NOTHING: DayContent = { items: [], count: 0, holidays: [], events: [] }
const DRAG_TYPE = 'application/x-torget-post'

interface GridProps {
  days: string[]
  content: Map<string, DayContent>
  /** At most this many entries per day; the rest behind "+N till". */
  cap: number
  /** YYYY-MM of the month shown; days outside it are dimmed. */
  month: string | null
  today: string
  weekdays: string[]
  context: EntryContext
}

/**
 * The month and week views: a CSS grid of days. It is a list of days to
 * assistive technology (each day a heading), seven columns to the eye.
 */
export function DayGrid({ days, content, cap, month, today, weekdays, context }: GridProps) {
  return (
    <div className="cal-grid" data-cap={Number.isFinite(cap) ? 'capped' : 'all'}>
      <div className="cal-weekdays" aria-hidden="true">
        {weekdays.map((w) => (
          <div key={w}>{w}</div>
        ))}
      </div>
      <ol className="cal-days plain-list">
        {days.map((date) => (
          <DayCell
            key={date}
            date={date}
            content={content.get(date) ?? NOTHING}
            cap={cap}
            outside={month !== null && !date.startsWith(month)}
            isToday={date === today}
            context={context}
          />
        ))}
      </ol>
    </div>
  )
}

const DayCell = memo(function DayCell({
  date,
  content,
  cap,
  outside,
  isToday,
  context,
}: {
  date: string
  content: DayContent
  cap: number
  outside: boolean
  isToday: boolean
  context: EntryContext
}) {
  const { t } = useTranslation()
  const shown = content.items.length > cap ? content.items.slice(0, cap) : content.items
  const hidden = Math.max(content.count, content.items.length) - shown.length
  const dayName = context.dayName(date)
  return (
    <li
      className="cal-day"
      data-date={date}
      data-outside={outside || undefined}
      data-today={isToday || undefined}
      data-holiday={content.holidays.some((h) => h.kind === 'holiday') || undefined}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return
        e.preventDefault()
        e.dataTransfer.dropEffect = 'move'
        e.currentTarget.classList.add('is-drop-target')
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null))
          e.currentTarget.classList.remove('is-drop-target')
      }}
      onDrop={(e) => {
        e.currentTarget.classList.remove('is-drop-target')
        const id = e.dataTransfer.getData(DRAG_TYPE)
        if (!id) return
        e.preventDefault()
        context.onDrop(id, date)
      }}
    >
      <h3 className="cal-day-heading">
        <span aria-hidden="true">{Number(date.slice(8))}</span>
        <span className="visually-hidden">
          {dayName}
          {isToday && `, ${t('calendar.today')}`}
        </span>
      </h3>
      {content.holidays.map((h) => (
        <p key={h.id} className="cal-holiday" data-kind={h.kind}>
          {h.name[context.locale]}
        </p>
      ))}
      {content.events.map((e) => (
        <CalendarEventLine key={e.id} event={e} />
      ))}
      {shown.length > 0 && (
        <ul className="cal-entries plain-list">
          {shown.map((item) => (
            <li key={item.id}>
              <CalendarEntry
                item={item}
                libraryId={context.libraryId}
                channels={context.channels}
                movable={context.mayMove(item)}
                onMove={context.onMove}
              />
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <MoreEntries
          date={date}
          total={shown.length + hidden}
          hidden={hidden}
          dayName={dayName}
          context={context}
        />
      )}
    </li>
  )
})

function MoreEntries({
  date,
  total,
  hidden,
  dayName,
  context,
}: {
  date: string
  total: number
  hidden: number
  dayName: string
  context: EntryContext
}) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={320}
      position="bottom-start"
      shadow="md"
      trapFocus
      returnFocus
      withinPortal
    >
      <Popover.Target>
        <button
          type="button"
          className="cal-more"
          onClick={() => setOpened((o) => !o)}
          aria-label={t('calendar.moreLabel', { count: total, day: dayName })}
        >
          {t('calendar.more', { count: hidden })}
        </button>
      </Popover.Target>
      <Popover.Dropdown>
        <section aria-label={dayName} className="cal-popover">
          <p className="cal-popover-title">{dayName}</p>
          {opened && <WholeDay date={date} context={context} onMove={() => setOpened(false)} />}
        </section>
      </Popover.Dropdown>
    </Popover>
  )
}

/** Every post of one day, asked for when its "+N till" opens. */
function WholeDay({
  date,
  context,
  onMove,
}: {
  date: string
  context: EntryContext
  onMove: () => void
}) {
  const day = useQuery(context.dayQuery(date))
  const { remember } = context
  useEffect(() => {
    if (day.data) remember(day.data.items)
  }, [day.data, remember])
  if (day.isPending)
    return <Loader size="sm" aria-label={context.locale === 'sv' ? 'Hämtar' : 'Loading'} />
  if (day.isError) return <ErrorAlert error={day.error} />
  return (
    <ul className="cal-entries plain-list">
      {day.data.items.map((item) => (
        <li key={item.id}>
          <CalendarEntry
            item={item}
            libraryId={context.libraryId}
            channels={context.channels}
            movable={context.mayMove(item)}
            onMove={(i) => {
              onMove()
              context.onMove(i)
            }}
          />
        </li>
      ))}
    </ul>
  )
}

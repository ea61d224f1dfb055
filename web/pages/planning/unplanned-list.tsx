import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UnplannedItem } from '../../../core/schemas/index.js'
import { CalendarEntry } from './calendar-item.js'
import type { EntryContext } from './day-grid.js'

/** "Ej planerat": drafts with no day yet, to be dragged onto one (or given one with "Planera…"). */
export function UnplannedList({
  items,
  total,
  context,
}: {
  items: UnplannedItem[]
  total: number
  context: EntryContext
}) {
  const { t } = useTranslation()
  return (
    <aside className="cal-unplanned" aria-labelledby="cal-unplanned-title">
      <h2 id="cal-unplanned-title" className="cal-side-title">
        {t('calendar.unplanned.title')} <span className="cal-count">({total})</span>
      </h2>
      {items.length === 0 ? (
        <Text size="sm">{t('calendar.unplanned.empty')}</Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {t('calendar.unplanned.intro')}
          </Text>
          <ul className="cal-entries plain-list">
            {items.map((item) => (
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
          {total > items.length && (
            <Text size="sm" mt="xs">
              {t('calendar.unplanned.more', { shown: items.length, total })}
            </Text>
          )}
        </>
      )}
    </aside>
  )
}

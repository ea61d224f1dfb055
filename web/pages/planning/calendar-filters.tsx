import { Button, Group, MultiSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CalendarFilters, CampaignName } from '../../api/calendar.js'
import { KNOWN_STATES, useStateName } from './calendar-item.js'

type Option = { value: string; label: string }

interface Props {
  filters: CalendarFilters
  onChange: (key: keyof CalendarFilters, values: string[]) => void
  onClear: () => void
  channels: Option[]
  people: Option[]
  tags: string[]
  /** null: campaigns do not exist in this Torget yet, so there is no campaign filter. */
  campaigns: CampaignName[] | null
}

/** The calendar's filters; each one is kept in the page's address. */
export function CalendarFiltersBar({
  filters,
  onChange,
  onClear,
  channels,
  people,
  tags,
  campaigns,
}: Props) {
  const { t } = useTranslation()
  const stateName = useStateName()
  const withSelected = (options: Option[], selected: string[]) => [
    ...options,
    ...selected
      .filter((v) => !options.some((o) => o.value === v))
      .map((v) => ({ value: v, label: v })),
  ]
  const active = Object.values(filters).some((v) => v.length > 0)
  const field = (key: keyof CalendarFilters, label: string, data: Option[]) => (
    <MultiSelect
      key={key}
      label={label}
      data={withSelected(data, filters[key])}
      value={filters[key]}
      onChange={(values) => onChange(key, values)}
      // An empty box reads as broken; "Alla" says nothing is filtered out.
      placeholder={filters[key].length ? undefined : t('calendar.filters.all')}
      searchable
      clearable
      size="sm"
      w={160}
      comboboxProps={{ withinPortal: true }}
    />
  )
  return (
    <Group align="flex-end" gap="sm" role="group" aria-label={t('calendar.filters.title')}>
      {field(
        'state',
        t('calendar.filters.state'),
        KNOWN_STATES.map((s) => ({ value: s, label: stateName(s) })),
      )}
      {field('channel', t('calendar.filters.channel'), channels)}
      {campaigns &&
        field(
          'campaign',
          t('calendar.filters.campaign'),
          campaigns.map((c) => ({ value: c.id, label: c.name })),
        )}
      {field('author', t('calendar.filters.author'), people)}
      {field('assignee', t('calendar.filters.assignee'), people)}
      {field(
        'tag',
        t('calendar.filters.tag'),
        tags.map((tag) => ({ value: tag, label: `#${tag}` })),
      )}
      {active && (
        <Button variant="subtle" size="sm" onClick={onClear}>
          {t('calendar.filters.clear')}
        </Button>
      )}
    </Group>
  )
}

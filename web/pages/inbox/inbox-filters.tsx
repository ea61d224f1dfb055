import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { INBOX_COUNT_CAP, type InboxCounts } from '../../../core/schemas/inbox.js'
import { channelsQuery } from '../../api/channels.js'
import { inboxTagsQuery } from '../../api/inbox.js'
import { membersQuery } from '../../api/members.js'
import { channelName } from '../../components/network.js'
import type { InboxSearch } from './inbox-search.js'

type Props = {
  libraryId: string
  search: InboxSearch
  counts: InboxCounts | undefined
  onChange: (next: Partial<InboxSearch>) => void
}

/** Narrows the list; every choice lands in the address at once, the text search on submit. */
export function InboxFilters({ libraryId, search, counts, onChange }: Props) {
  const { t } = useTranslation()
  const channels = useQuery(channelsQuery(libraryId)).data ?? []
  const tags = useQuery(inboxTagsQuery(libraryId)).data ?? []
  const members = useQuery(membersQuery(libraryId)).data ?? []
  const [text, setText] = useState(search.sok ?? '')
  // A count that reached the cap is "at least": 1,000 or more reads "999+".
  const count = (state: 'new' | 'assigned' | 'answered') =>
    counts
      ? ` (${counts[state] >= INBOX_COUNT_CAP ? `${INBOX_COUNT_CAP - 1}+` : counts[state]})`
      : ''
  const pick = <K extends keyof InboxSearch>(key: K, value: string) =>
    onChange({ [key]: value === '' ? undefined : value } as Partial<InboxSearch>)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onChange({ sok: text.trim() || undefined })
  }
  const filtered = Object.entries(search).some(([key, v]) => key !== 'arende' && v !== undefined)

  return (
    <Group component="section" aria-label={t('inbox.filters.label')} gap="sm" align="flex-end">
      <NativeSelect
        label={t('inbox.filters.state')}
        value={search.lage ?? ''}
        onChange={(e) => pick('lage', e.currentTarget.value)}
        data={[
          { value: '', label: t('inbox.filters.allStates') },
          { value: 'open', label: t('inbox.filters.open') },
          { value: 'new', label: t('inbox.state.new') + count('new') },
          { value: 'assigned', label: t('inbox.state.assigned') + count('assigned') },
          { value: 'answered', label: t('inbox.state.answered') + count('answered') },
          { value: 'done', label: t('inbox.state.done') },
        ]}
      />
      <NativeSelect
        label={t('inbox.filters.channel')}
        value={search.kanal ?? ''}
        onChange={(e) => pick('kanal', e.currentTarget.value)}
        data={[
          { value: '', label: t('inbox.filters.allChannels') },
          ...channels.map((c) => ({ value: c.id, label: channelName(c) })),
        ]}
      />
      <NativeSelect
        label={t('inbox.filters.tag')}
        value={search.tagg ?? ''}
        onChange={(e) => pick('tagg', e.currentTarget.value)}
        data={[
          { value: '', label: t('inbox.filters.allTags') },
          ...tags.map((tag) => ({ value: tag.id, label: tag.name })),
        ]}
      />
      <NativeSelect
        label={t('inbox.filters.assignee')}
        value={search.tilldelad ?? ''}
        onChange={(e) => pick('tilldelad', e.currentTarget.value)}
        data={[
          { value: '', label: t('inbox.filters.anyone') },
          { value: 'me', label: t('inbox.filters.me') },
          { value: 'none', label: t('inbox.filters.none') },
          ...members.map((m) => ({ value: m.userId, label: m.name })),
        ]}
      />
      <NativeSelect
        label={t('inbox.filters.question')}
        value={search.fraga ?? ''}
        onChange={(e) => pick('fraga', e.currentTarget.value)}
        data={[
          { value: '', label: t('inbox.filters.questionAny') },
          { value: 'ja', label: t('inbox.filters.questionYes') },
          { value: 'nej', label: t('inbox.filters.questionNo') },
        ]}
      />
      <Checkbox
        label={t('inbox.filters.flagged')}
        checked={search.flaggad === 'ja'}
        onChange={(e) => onChange({ flaggad: e.currentTarget.checked ? 'ja' : undefined })}
        mb={8}
      />
      <form onSubmit={submit} role="search">
        <Group gap="xs" align="flex-end">
          <TextInput
            type="search"
            label={t('inbox.filters.search')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={200}
          />
          <Button type="submit" variant="default">
            {t('inbox.filters.searchButton')}
          </Button>
        </Group>
      </form>
      {filtered && (
        <Button
          variant="subtle"
          onClick={() => {
            setText('')
            onChange({
              kanal: undefined,
              lage: undefined,
              tagg: undefined,
              tilldelad: undefined,
              fraga: undefined,
              flaggad: undefined,
              sok: undefined,
            })
          }}
        >
          {t('inbox.filters.clear')}
        </Button>
      )}
    </Group>
  )
}

import { Button, Group, MultiSelect, NativeSelect, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { inboxTagsQuery } from '../../api/inbox.js'
import { membersQuery } from '../../api/members.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import type { Snapshot } from './changes.js'
import { ChangeNotice } from './change-notice.js'
import { ItemChangedError, usePatchItem } from './use-patch-item.js'

type Props = { libraryId: string; detail: InboxItemDetail; me: { id: string; name: string } }

/** Share the work: who answers, what it is about, whether the Ansvarig should look, done. */
export function TriageControls({ libraryId, detail, me }: Props) {
  const { t } = useTranslation()
  const item = detail.item
  const members = useQuery(membersQuery(libraryId)).data ?? []
  const tags = useQuery(inboxTagsQuery(libraryId)).data ?? []
  const patch = usePatchItem(libraryId, item.id)
  const [conflict, setConflict] = useState<Snapshot>()

  const change = (values: Parameters<typeof patch.mutate>[0], done: string) => {
    setConflict(undefined)
    patch.mutate(values, {
      onSuccess: () => notify(done),
      onError: (error) => {
        if (error instanceof ItemChangedError) setConflict(error.before)
      },
    })
  }
  const closed = item.state === 'done'

  return (
    <Stack gap="sm" component="section" aria-labelledby="inbox-triage">
      <Title order={3} size="h5" id="inbox-triage">
        {t('inbox.triage.heading')}
      </Title>
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label={t('inbox.triage.assign')}
          value={item.assignee?.id ?? ''}
          onChange={(e) =>
            change({ assigneeId: e.currentTarget.value || null }, t('inbox.triage.saved'))
          }
          data={[
            { value: '', label: t('inbox.triage.nobody') },
            ...members.map((m) => ({ value: m.userId, label: m.name })),
          ]}
          w={220}
          maw="100%"
        />
        {item.assignee?.id !== me.id && (
          <Button
            variant="default"
            onClick={() => change({ assigneeId: me.id }, t('inbox.triage.taken'))}
          >
            {t('inbox.triage.assignMe')}
          </Button>
        )}
      </Group>
      <MultiSelect
        label={t('inbox.triage.tags')}
        data={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
        value={item.tags.map((tag) => tag.id)}
        onChange={(ids) => change({ tagIds: ids }, t('inbox.triage.saved'))}
        maxValues={20}
        searchable
        nothingFoundMessage={t('inbox.triage.noTags')}
        maw={480}
      />
      <Group gap="sm">
        <Button
          variant={item.flagged ? 'default' : 'light'}
          color={item.flagged ? undefined : 'red'}
          onClick={() =>
            change(
              { flagged: !item.flagged },
              t(item.flagged ? 'inbox.triage.unflagged' : 'inbox.triage.flaggedDone'),
            )
          }
        >
          {item.flagged ? t('inbox.triage.unflag') : t('inbox.triage.flag')}
        </Button>
        <Button
          variant={closed ? 'default' : 'filled'}
          onClick={() =>
            change(
              { state: closed ? reopenedState(item) : 'done' },
              t(closed ? 'inbox.triage.reopened' : 'inbox.triage.markedDone'),
            )
          }
          loading={patch.isPending && patch.variables?.state !== undefined}
        >
          {closed ? t('inbox.triage.reopen') : t('inbox.triage.done')}
        </Button>
      </Group>
      {conflict && (
        <ChangeNotice before={conflict} now={detail} meId={me.id}>
          <Text size="sm">{t('inbox.conflict.tryAgain')}</Text>
        </ChangeNotice>
      )}
      {patch.error && !(patch.error instanceof ItemChangedError) && (
        <ErrorAlert error={patch.error} />
      )}
    </Stack>
  )
}

/** Reopened, an item goes back to where its work stood: answered, someone's, or new. */
function reopenedState(item: InboxItemDetail['item']): InboxItemDetail['item']['state'] {
  if (item.firstResponseAt) return 'answered'
  return item.assignee ? 'assigned' : 'new'
}

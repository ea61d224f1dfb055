import { isBuiltInNetwork } from '../../../core/channels/networks.js'
import { Paper, Stack } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { can, type Role } from '../../../core/roles.js'
import { inboxItemQuery } from '../../api/inbox.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { Loading } from '../../components/route-states.js'
import { ActivityList } from './activity-list.js'
import { Conversation } from './conversation.js'
import { GuidanceNotice } from './guidance-notice.js'
import { ITEM_HEADING_ID, ItemHeader } from './item-header.js'
import { ModerationSection } from './moderation-section.js'
import { NotesSection } from './notes-section.js'
import { PresenceNote } from './presence-note.js'
import { RepliesList } from './replies-list.js'
import { ReplyBox } from './reply-box.js'
import { TriageControls } from './triage-controls.js'
import { usePresence } from './use-presence.js'

type Props = {
  libraryId: string
  itemId: string
  role: Role
  me: { id: string; name: string }
  now: number
  /** Move the focus to the item's heading once it shows (the list it was chosen from is gone). */
  focusHeading?: boolean
}

/** One item with everything around it: the thread, what colleagues did, the answer. */
export function ItemDetail({ libraryId, itemId, role, me, now, focusHeading }: Props) {
  const detail = useQuery(inboxItemQuery(libraryId, itemId))
  const [writing, setWriting] = useState(false)
  usePresence(libraryId, itemId, writing)
  const shown = detail.isSuccess
  useEffect(() => {
    if (focusHeading && shown) document.getElementById(ITEM_HEADING_ID)?.focus()
  }, [focusHeading, shown])

  if (detail.isPending) return <Loading />
  if (detail.isError) return <ErrorAlert error={detail.error} />
  const data = detail.data
  const canAnswer = can(role, 'inbox.answer')
  // A practice comment is answered by anyone who writes; the rest of the item's work stays as it is.
  const canReply =
    canAnswer || (isBuiltInNetwork(data.item.channel.network) && can(role, 'practice.answer'))
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={ITEM_HEADING_ID}>
      <Stack gap="lg">
        <ItemHeader item={data.item} now={now} />
        <PresenceNote libraryId={libraryId} itemId={itemId} initial={data.presence} meId={me.id} />
        <GuidanceNotice detail={data} />
        <Conversation posts={data.conversation} />
        {canAnswer && <TriageControls libraryId={libraryId} detail={data} me={me} />}
        <ReplyBox
          libraryId={libraryId}
          detail={data}
          me={me}
          canAnswer={canReply}
          onWriting={setWriting}
        />
        <RepliesList
          libraryId={libraryId}
          itemId={itemId}
          replies={data.replies}
          approver={can(role, 'posts.approve') ? me : null}
        />
        <NotesSection libraryId={libraryId} detail={data} canWrite={canAnswer} />
        <ActivityList libraryId={libraryId} detail={data} canUndo={canAnswer} />
        <ModerationSection
          libraryId={libraryId}
          detail={data}
          canModerate={can(role, 'inbox.moderate')}
        />
      </Stack>
    </Paper>
  )
}

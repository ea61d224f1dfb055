import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, type Role } from '../../../core/roles.js'
import type { Channel, Post } from '../../../core/schemas/index.js'
import { isApiError } from '../../api/client.js'
import { useRequiredSession } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { ChannelPicker } from './channel-picker.js'
import { ConflictAlert } from './conflict-alert.js'
import { combinedLimits, contentOf, textFor } from './draft.js'
import { ImageEditor } from './image-editor.js'
import { LeaveGuard } from './leave-guard.js'
import { LimitAnnouncer } from './limit-announcer.js'
import { PostPreview } from './post-preview.js'
import { publishProblems, TEXT_FIELD_ID } from './problems.js'
import { PublishControls } from './publish-controls.js'
import { takeFocusOnOpen, useComposer } from './use-composer.js'

type Props = {
  libraryId: string
  post: Post | undefined
  channels: Channel[]
  role: Role
  timeZone: string
  /** Someone else changed the post: start again from the server's version. */
  onReload: () => void
}

const CONFLICTS = ['version_conflict', 'post_not_editable']

/** Write once, see it per channel, save, schedule or publish. */
export function Composer({ libraryId, post, channels, role, timeZone, onReload }: Props) {
  const { t } = useTranslation()
  const composer = useComposer({ libraryId, post, channels })
  const { draft, setDraft, images, save, schedule, remove } = composer
  const [checkedOnce, setCheckedOnce] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const publish = can(role, 'posts.publish')
  const me = useRequiredSession().user.id
  // Writers delete their own drafts; Editors and Managers any draft (the server's rule too).
  const deletable = post !== undefined && (publish || post.authorId === me)
  const content = contentOf(draft)
  const chosen = channels.filter((c) => content.channelIds.includes(c.id))
  const { maxImages, maxAltText } = combinedLimits(chosen, channels)
  const lastError = schedule.error ?? save.error
  const conflict = CONFLICTS.some((code) => isApiError(lastError, code))

  useEffect(() => {
    const focus = takeFocusOnOpen()
    if (focus) document.getElementById(focus)?.focus()
  }, [])

  // After the first check the list follows the edits, so it empties as things are fixed.
  const problems = checkedOnce
    ? publishProblems(t, draft, channels, images, composer.altOf, maxAltText)
    : []

  const check = () => {
    const found = publishProblems(t, draft, channels, images, composer.altOf, maxAltText)
    setCheckedOnce(true)
    if (found.length > 0)
      requestAnimationFrame(() => document.getElementById('publish-problems')?.focus())
    return found.length === 0
  }

  const startSave = () => {
    schedule.reset()
    save.mutate()
  }

  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          {conflict && <ConflictAlert error={lastError} onReload={onReload} />}
          <Textarea
            id={TEXT_FIELD_ID}
            label={t('composer.text')}
            description={t('composer.textHint')}
            value={draft.text}
            onChange={(event) => setDraft({ ...draft, text: event.currentTarget.value })}
            autosize
            minRows={6}
            maxRows={20}
          />
          {channels.length === 0 ? (
            <NoChannels libraryId={libraryId} role={role} />
          ) : (
            <ChannelPicker channels={channels} draft={draft} onChange={setDraft} />
          )}
          <ImageEditor
            libraryId={libraryId}
            postId={post?.id}
            composer={composer}
            maxImages={maxImages}
            maxAltText={maxAltText}
            showMissing={checkedOnce}
          />
          {problems.length > 0 && (
            <Alert
              id="publish-problems"
              tabIndex={-1}
              color="red"
              variant="light"
              role="alert"
              title={t('problems.title')}
            >
              <List size="sm" spacing={4}>
                {problems.map((problem) => (
                  <List.Item key={problem.message}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      onClick={() => document.getElementById(problem.focus)?.focus()}
                    >
                      {problem.message}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {!conflict && <ErrorAlert error={lastError} />}
          <Group gap="sm">
            <Button
              variant={publish ? 'default' : 'filled'}
              onClick={startSave}
              loading={save.isPending}
            >
              {t('composer.saveDraft')}
            </Button>
            {deletable && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => {
                  remove.reset()
                  setConfirmDelete(true)
                }}
              >
                {t('composer.delete')}
              </Button>
            )}
          </Group>
          {publish ? (
            <PublishControls
              timeZone={timeZone}
              pending={schedule.isPending}
              ready={check}
              onSchedule={(at, now) => {
                save.reset()
                schedule.mutate({ at, now })
              }}
            />
          ) : (
            <Alert role="note" variant="light" color="gray" title={t('composer.writerTitle')}>
              {t('composer.writerNote')}
            </Alert>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md" component="section" aria-labelledby="preview-heading">
          <Title order={2} size="h4" id="preview-heading">
            {t('preview.heading')}
          </Title>
          {chosen.length === 0 ? (
            <Text size="sm">{t('preview.none')}</Text>
          ) : (
            chosen.map((channel) => (
              <PostPreview
                key={channel.id}
                libraryId={libraryId}
                postId={post?.id}
                channel={channel}
                text={textFor(content, channel.id)}
                images={images}
                altOf={composer.altOf}
              />
            ))
          )}
          <LimitAnnouncer channels={chosen} textFor={(id) => textFor(content, id)} />
        </Stack>
      </Grid.Col>
      <LeaveGuard dirty={composer.dirty} leaving={composer.leaving} />
      <ConfirmDialog
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('composer.deleteTitle')}
        body={t('composer.deleteBody')}
        confirmLabel={t('composer.delete')}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
        error={remove.error}
      />
    </Grid>
  )
}

function NoChannels({ libraryId, role }: { libraryId: string; role: Role }) {
  const { t } = useTranslation()
  return (
    <Alert role="note" variant="light" color="gray" title={t('composer.noChannelsTitle')}>
      <Text size="sm">
        {can(role, 'channels.manage') ? (
          <>
            {t('composer.noChannelsManage')}{' '}
            <AnchorLink to="/bibliotek/$libraryId/kanaler" params={{ libraryId }}>
              {t('composer.connectChannel')}
            </AnchorLink>
          </>
        ) : (
          t('composer.noChannelsAsk')
        )}
      </Text>
    </Alert>
  )
}

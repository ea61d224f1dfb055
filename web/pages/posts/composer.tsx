import { isBuiltInNetwork } from '../../../core/channels/networks.js'
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
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { textDirection } from '../../../core/languages.js'
import { editorsUnderReview, mayDeletePost } from '../../../core/posts/rules.js'
import { can, type Role } from '../../../core/roles.js'
import type { Channel, Post } from '../../../core/schemas/index.js'
import { isApiError } from '../../api/client.js'
import { historyQuery } from '../../api/approval.js'
import { guidelinesQuery } from '../../api/guidelines.js'
import type { PostPlanning } from '../../api/posts.js'
import { useRequiredSession } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { useChannelMixFindings } from './channel-mix-findings.js'
import { ChannelPicker } from './channel-picker.js'
import { ConflictAlert } from './conflict-alert.js'
import { combinedLimits, contentOf, textFor } from './draft.js'
import { type PlacedFinding, useFindings } from './findings.js'
import { GuidelineFindings } from './guideline-findings.js'
import { ImageEditor } from './image-editor.js'
import { shapeRule } from './image-shape-offer.js'
import { LanguageField } from './language-field.js'
import { LeaveGuard } from './leave-guard.js'
import { LimitAnnouncer } from './limit-announcer.js'
import { PlanningFields } from './planning-fields.js'
import { PostPreview } from './post-preview.js'
import {
  guidelineProblems,
  publishProblems,
  showInField,
  TEXT_FIELD_ID,
  variantFieldId,
} from './problems.js'
import { PublishControls } from './publish-controls.js'
import { ReviewActions } from './review-actions.js'
import { reviewAbilities } from './review-abilities.js'
import { takeFocusOnOpen, useComposer } from './use-composer.js'

type Props = {
  libraryId: string
  post: Post | undefined
  channels: Channel[]
  role: Role
  timeZone: string
  /** The library wants a post approved by someone other than its author. */
  requireSecondApprover: boolean
  /** A new post's language: the library's. */
  defaultLanguage: string
  /** Someone else changed the post: start again from the server's version. */
  onReload: () => void
}

const CONFLICTS = ['version_conflict', 'post_not_editable', 'post_wrong_state']

/** Write once, see it per channel, save, schedule or publish. */
export function Composer(props: Props) {
  const { libraryId, post, channels, role, timeZone, onReload } = props
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const composer = useComposer({
    libraryId,
    post,
    channels,
    defaultLanguage: props.defaultLanguage,
  })
  const { draft, setDraft, images, save, schedule, remove, submit, approve, giveBack } = composer
  const [checkedOnce, setCheckedOnce] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const publish = can(role, 'posts.publish')
  const me = useRequiredSession().user.id
  const deletable = post !== undefined && mayDeletePost({ role, userId: me }, post)
  const content = contentOf(draft)
  const chosen = channels.filter((c) => content.channelIds.includes(c.id))
  const { maxImages, maxAltText } = combinedLimits(chosen, channels)
  const lastError = schedule.error ?? submit.error ?? approve.error ?? giveBack.error ?? save.error
  const conflict = CONFLICTS.some((code) => isApiError(lastError, code))
  const guidelines = useQuery(guidelinesQuery(libraryId))
  const policy = guidelines.data?.policy
  const audience =
    policy?.audiences.find((a) => a.id === draft.audience)?.id ?? policy?.defaultAudience
  const setAudience = (id: string) => setDraft({ ...draft, audience: id })
  const setPlanning = useCallback(
    (change: Partial<PostPlanning>) => setDraft((old) => ({ ...old, ...change })),
    [setDraft],
  )
  const settings = { requireSecondApprover: props.requireSecondApprover }
  const history = useQuery({
    ...historyQuery(libraryId, post?.id ?? ''),
    enabled: !!post && settings.requireSecondApprover,
  })
  // Unsaved changes to the content are saved before a review step, so they count as this person's.
  const editors = history.data && [
    ...editorsUnderReview(history.data),
    ...(composer.contentDirty ? [me] : []),
  ]
  const review = reviewAbilities({ post, member: { role, userId: me }, settings, editors })
  // On Övningskanalen alone, whoever writes publishes themselves: nothing there reaches the public.
  const practiceOnly = chosen.length > 0 && chosen.every((c) => isBuiltInNetwork(c.network))
  const practicePublish =
    !review.schedule &&
    practiceOnly &&
    can(role, 'practice.publish') &&
    (!post || post.state === 'draft' || post.state === 'in_review' || post.state === 'approved')
  const { findings, policyNote } = useFindings({
    draft,
    channels,
    images,
    altOf: composer.altOf,
    audience,
    policy,
    locale,
  })
  const blocking = findings.filter((f) => f.severity === 'block')
  const mixFindings = useChannelMixFindings({
    libraryId,
    postId: post?.id,
    chosen,
    text: draft.text,
    variants: content.variants,
    at: draft.plannedAt ?? post?.scheduledAt ?? null,
    timeZone,
    policy,
    locale,
  })

  useEffect(() => {
    const focus = takeFocusOnOpen()
    if (focus) document.getElementById(focus)?.focus()
  }, [])

  // After the first check the list follows the edits, so it empties as things are fixed.
  const allProblems = () => [
    ...publishProblems(t, draft, channels, images, composer.altOf, maxAltText),
    ...guidelineProblems(blocking),
  ]
  const problems = checkedOnce ? allProblems() : []

  const check = () => {
    const found = allProblems()
    setCheckedOnce(true)
    if (found.length > 0)
      requestAnimationFrame(() => document.getElementById('publish-problems')?.focus())
    return found.length === 0
  }

  /** A one-click fix, applied only to the text it was made for (typing may have moved on). */
  const applyFix = (finding: PlacedFinding) => {
    const replacement = finding.fix?.replacement
    if (!replacement) return
    const own = Object.keys(draft.variants).find((id) => finding.field === variantFieldId(id))
    const current = own ? draft.variants[own] : draft.text
    if (current !== finding.source) return
    const next =
      current.slice(0, replacement.start) + replacement.text + current.slice(replacement.end)
    setDraft(
      own ? { ...draft, variants: { ...draft.variants, [own]: next } } : { ...draft, text: next },
    )
    const caret = replacement.start + replacement.text.length
    requestAnimationFrame(() => showInField(finding.field, { start: caret, end: caret }))
  }

  const resetAll = () => [save, schedule, submit, approve, giveBack].forEach((m) => m.reset())
  const startSave = () => {
    resetAll()
    save.mutate()
  }
  /** A review step after the same checks as publishing, so a writer sees what an editor would. */
  const reviewStep =
    (m: typeof submit, checked: boolean) =>
    async (note: string | undefined): Promise<unknown> => {
      if (checked && !check()) throw new Error('not ready')
      resetAll()
      return m.mutateAsync(note)
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
            lang={draft.language}
            // On the textarea itself: Mantine's dir prop goes to its wrapper, where `auto` cannot see the text.
            attributes={{ input: { dir: textDirection(draft.language) } }}
          />
          <LanguageField
            value={draft.language}
            onChange={(language) => setDraft({ ...draft, language })}
          />
          <GuidelineFindings
            findings={mixFindings.length > 0 ? [...findings, ...mixFindings] : findings}
            policyNote={policyNote}
            status={guidelines.status}
            source={guidelines.data?.source}
            audiences={policy?.audiences ?? []}
            audience={audience}
            onAudience={setAudience}
            locale={locale}
            onShow={(finding) => showInField(finding.field, finding.range)}
            onFix={applyFix}
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
            findings={findings.filter((f) => f.image !== undefined)}
            shape={shapeRule(chosen)}
          />
          <PlanningFields
            libraryId={libraryId}
            timeZone={timeZone}
            plannedAt={draft.plannedAt}
            assigneeId={draft.assigneeId}
            tags={draft.tags}
            onChange={setPlanning}
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
                  <List.Item key={`${problem.focus}:${problem.select?.start}:${problem.message}`}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      onClick={() => showInField(problem.focus, problem.select)}
                    >
                      {problem.message}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {!conflict && <ErrorAlert error={lastError} />}
          {review.backToReview && (
            <Alert role="note" variant="light" color="orange" id="back-to-review-note">
              {t(review.backToReview)}
            </Alert>
          )}
          <Group gap="sm">
            <Button
              variant={publish && !review.can.submit ? 'default' : 'filled'}
              onClick={startSave}
              loading={save.isPending}
              aria-describedby={review.backToReview ? 'back-to-review-note' : undefined}
            >
              {t(!post || post.state === 'draft' ? 'composer.saveDraft' : 'approval.review.save')}
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
                {t(!post || post.state === 'draft' ? 'composer.delete' : 'approval.review.delete')}
              </Button>
            )}
          </Group>
          <ReviewActions
            post={post}
            timeZone={timeZone}
            can={review.can}
            note={review.note && t(review.note)}
            pending={
              submit.isPending
                ? 'submit'
                : approve.isPending
                  ? 'approve'
                  : giveBack.isPending
                    ? 'giveBack'
                    : undefined
            }
            onSubmit={reviewStep(submit, true)}
            onApprove={reviewStep(approve, true)}
            onGiveBack={reviewStep(giveBack, false)}
          />
          {(review.schedule || practicePublish) && (
            <PublishControls
              timeZone={timeZone}
              pending={schedule.isPending}
              blocked={blocking.length}
              ready={check}
              selfApproving={review.selfApproving}
              practice={practicePublish}
              onSchedule={(at, now) => {
                resetAll()
                schedule.mutate({ at, now, practice: practicePublish })
              }}
            />
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
                language={draft.language}
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
        confirmLabel={t(
          !post || post.state === 'draft' ? 'composer.delete' : 'approval.review.delete',
        )}
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

import { Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Campaign } from '../../../core/schemas/campaign.js'
import { IDEA_STATES, type IdeaState } from '../../../core/idea-board.js'
import type { Idea } from '../../../core/schemas/index.js'
import {
  ideaPhotoUrl,
  ideaToDraft,
  removeIdea,
  setIdeaState,
  supportIdea,
} from '../../api/ideas.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { notify } from '../../components/notify.js'
import { StatusLabel, type Tone } from '../../components/status-label.js'
import { useFormat } from '../../i18n/format.js'
import { IdeaComments } from './idea-comments.js'

const STATE_TONES: Record<IdeaState, Tone> = {
  new: 'waiting',
  in_progress: 'busy',
  used: 'ok',
  not_now: 'neutral',
}

type Props = {
  idea: Idea
  libraryId: string
  timeZone: string
  mayManage: boolean
  mayDraft: boolean
  mayRemove: boolean
  campaigns: Campaign[]
}

/** One idea on the board: what it is, who had it, and what can be done with it. */
export function IdeaCard(props: Props) {
  const { idea, libraryId, timeZone, mayManage, mayDraft, campaigns } = props
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  const [campaignId, setCampaignId] = useState('')
  const [commentsOpen, setCommentsOpen] = useState(false)
  const [removing, setRemoving] = useState(false)
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: ['library', libraryId, 'ideas'] })
  const headingId = `idea-${idea.id}`

  const support = useMutation({
    mutationFn: () => supportIdea(libraryId, idea.id, !idea.supportedByMe),
    onSuccess: refresh,
  })
  const state = useMutation({
    mutationFn: (next: IdeaState) => setIdeaState(libraryId, idea.id, next),
    onSuccess: refresh,
  })
  const draft = useMutation({
    mutationFn: () => ideaToDraft(libraryId, idea.id, campaignId || null),
    onSuccess: () => {
      notify(t('ideas.card.drafted', { name: idea.owner.name }))
      refresh()
    },
  })

  const remove = useMutation({
    mutationFn: () => removeIdea(libraryId, idea.id),
    onSuccess: () => {
      setRemoving(false)
      notify(t('ideas.card.removed'))
      refresh()
    },
  })

  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {idea.text}
          </Title>
          <StatusLabel tone={STATE_TONES[idea.state]}>{t(`ideas.state.${idea.state}`)}</StatusLabel>
        </Group>
        <Text size="sm" c="dimmed">
          {t('ideas.card.by', { name: idea.owner.name, when: format.date(idea.createdAt) })}
        </Text>
        {idea.photo && (
          <img
            className="idea-photo"
            src={ideaPhotoUrl(libraryId, idea.id)}
            alt={idea.photo.alt}
            width={idea.photo.width}
            height={idea.photo.height}
            loading="lazy"
          />
        )}
        {idea.book && <Text size="sm">{t('ideas.card.book', { book: idea.book })}</Text>}
        {idea.event && (
          <Text size="sm">
            {t('ideas.card.event', {
              event: idea.event.summary,
              when: format.date(idea.event.startsAt),
            })}
          </Text>
        )}
        {idea.link && (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <a href={idea.link} rel="noopener noreferrer" target="_blank">
              {idea.link}
            </a>
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          <Button
            variant={idea.supportedByMe ? 'filled' : 'default'}
            size="compact-md"
            aria-pressed={idea.supportedByMe}
            onClick={() => support.mutate()}
            loading={support.isPending}
          >
            {t('ideas.card.support', { count: idea.supporters })}
          </Button>
          <Button
            variant="default"
            size="compact-md"
            aria-expanded={commentsOpen}
            onClick={() => setCommentsOpen((o) => !o)}
          >
            {t('ideas.card.comments', { count: idea.comments })}
          </Button>
        </Group>
        {commentsOpen && (
          <IdeaComments
            id={`${headingId}-comments`}
            libraryId={libraryId}
            ideaId={idea.id}
            timeZone={timeZone}
            onAdded={refresh}
          />
        )}
        {mayManage && (
          <NativeSelect
            label={t('ideas.card.setState')}
            size="sm"
            value={idea.state}
            onChange={(e) => state.mutate(e.currentTarget.value as IdeaState)}
            data={IDEA_STATES.map((s) => ({ value: s, label: t(`ideas.state.${s}`) }))}
            style={{ maxWidth: 240 }}
          />
        )}
        {idea.draft ? (
          <Text size="sm">
            <AnchorLink
              to="/bibliotek/$libraryId/inlagg/$postId"
              params={{ libraryId, postId: idea.draft.postId }}
            >
              {t('ideas.card.openDraft')}
            </AnchorLink>
          </Text>
        ) : (
          mayDraft && (
            <Group gap="xs" align="flex-end" wrap="wrap">
              {campaigns.length > 0 && (
                <NativeSelect
                  label={t('ideas.card.campaign')}
                  size="sm"
                  value={campaignId}
                  onChange={(e) => setCampaignId(e.currentTarget.value)}
                  data={[
                    { value: '', label: t('ideas.card.noCampaign') },
                    ...campaigns.map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
              )}
              <Button onClick={() => draft.mutate()} loading={draft.isPending}>
                {t('ideas.card.toDraft')}
              </Button>
            </Group>
          )
        )}
        {props.mayRemove && (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            onClick={() => setRemoving(true)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('ideas.card.remove')}
          </Button>
        )}
        <ConfirmDialog
          opened={removing}
          title={t('ideas.card.removeTitle')}
          body={t(idea.draft ? 'ideas.card.removeBodyDraft' : 'ideas.card.removeBody')}
          confirmLabel={t('ideas.card.remove')}
          confirmColor="red"
          onConfirm={() => remove.mutate()}
          onClose={() => setRemoving(false)}
          pending={remove.isPending}
          error={remove.error}
        />
        <ErrorAlert error={support.error ?? state.error ?? draft.error} />
      </Stack>
    </Paper>
  )
}

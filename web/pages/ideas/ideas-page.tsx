import { NativeSelect, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { IDEA_STATES, type IdeaState } from '../../../core/idea-board.js'
import { campaignsQuery } from '../../api/campaigns.js'
import { ideasQuery } from '../../api/ideas.js'
import { useMembership, useRequiredSession } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { PageHeading } from '../../components/page-heading.js'
import { Loading } from '../../components/route-states.js'
import { IdeaCard } from './idea-card.js'
import { IdeaForm } from './idea-form.js'

/** Idéer: everyone catches their piece of the puzzle; those who write make posts of them. */
export function IdeasPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const session = useRequiredSession()
  const mayDraft = can(membership.role, 'posts.write')
  const ideas = useQuery(ideasQuery(libraryId))
  const campaigns = useQuery({ ...campaignsQuery(libraryId), enabled: mayDraft })
  const [shown, setShown] = useState<IdeaState | 'open' | 'all'>('open')
  const upcoming = (campaigns.data ?? []).filter((c) => c.peakAt >= new Date().toISOString())
  const list = (ideas.data ?? []).filter((idea) =>
    shown === 'all'
      ? true
      : shown === 'open'
        ? idea.state === 'new' || idea.state === 'in_progress'
        : idea.state === shown,
  )

  return (
    <Stack gap="lg" className="ideas-page">
      <Stack gap="xs">
        <PageHeading>{t('ideas.title')}</PageHeading>
        <Text className="prose">{t('ideas.intro')}</Text>
      </Stack>
      <IdeaForm libraryId={libraryId} timeZone={membership.timeZone} />
      <Stack gap="sm" component="section" aria-labelledby="board-heading">
        <Title order={2} size="h3" id="board-heading">
          {t('ideas.board')}
        </Title>
        <NativeSelect
          label={t('ideas.show')}
          value={shown}
          onChange={(e) => setShown(e.currentTarget.value as typeof shown)}
          data={[
            { value: 'open', label: t('ideas.filter.open') },
            ...IDEA_STATES.map((s) => ({ value: s, label: t(`ideas.state.${s}`) })),
            { value: 'all', label: t('ideas.filter.all') },
          ]}
          style={{ maxWidth: 280 }}
        />
        {ideas.isPending ? (
          <Loading />
        ) : ideas.isError ? (
          <ErrorAlert error={ideas.error} />
        ) : list.length === 0 ? (
          <Text className="prose">{t('ideas.empty')}</Text>
        ) : (
          <Stack gap="sm" component="ul" className="plain-list">
            {list.map((idea) => (
              <li key={idea.id}>
                <IdeaCard
                  idea={idea}
                  libraryId={libraryId}
                  timeZone={membership.timeZone}
                  mayManage={can(membership.role, 'ideas.manage')}
                  mayDraft={mayDraft}
                  mayRemove={
                    idea.owner.id === session.user.id || can(membership.role, 'ideas.manage')
                  }
                  campaigns={upcoming}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  )
}

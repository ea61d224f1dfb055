import { Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ideaOfPostQuery } from '../../api/ideas.js'
import { AnchorLink } from '../../components/links/anchor-link.js'

/** On a post made of an idea: whose idea it was, and the way back to the board. */
export function IdeaOrigin({ libraryId, postId }: { libraryId: string; postId: string }) {
  const { t } = useTranslation()
  const origin = useQuery(ideaOfPostQuery(libraryId, postId))
  const idea = origin.data?.idea
  if (!idea) return null
  return (
    <Text size="sm">
      {t('ideas.origin', { name: idea.owner.name, text: idea.text })}{' '}
      <AnchorLink to="/bibliotek/$libraryId/ideer" params={{ libraryId }}>
        {t('ideas.toBoard')}
      </AnchorLink>
    </Text>
  )
}

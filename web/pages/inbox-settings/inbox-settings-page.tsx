import { Anchor, Divider, Group, Stack, Text } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { useMembership } from '../../api/use-session.js'
import { PageHeading } from '../../components/page-heading.js'
import { InboxSubnav } from './inbox-subnav.js'
import { NotAllowed } from './not-allowed.js'
import { NoticeSection } from './notice-section.js'
import { RulesSection } from './rules-section.js'
import { SavedRepliesSection } from './saved-replies-section.js'
import { TagsSection } from './tags-section.js'

const PARTS = [
  { id: 'tags-heading', key: 'tags' },
  { id: 'replies-heading', key: 'replies' },
  { id: 'rules-heading', key: 'rules' },
  { id: 'notice-heading', key: 'notice' },
] as const

/** The inbox's shared tools: tags, saved replies, automatic rules and the notice the law asks for. */
export function InboxSettingsPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  if (!can(membership.role, 'inbox.manage'))
    return (
      <NotAllowed
        libraryId={libraryId}
        title={t('inboxSettings.title')}
        body={t('inboxSettings.notAllowed')}
      />
    )
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('inboxSettings.title')}</PageHeading>
        <InboxSubnav libraryId={libraryId} />
        <Text className="prose">{t('inboxSettings.intro')}</Text>
        <nav aria-label={t('inboxSettings.parts')}>
          <Group gap="md" component="ul" className="plain-list">
            {PARTS.map((part) => (
              <li key={part.key}>
                <Anchor href={`#${part.id}`} size="sm">
                  {t(`inboxSettings.${part.key}.title`)}
                </Anchor>
              </li>
            ))}
          </Group>
        </nav>
      </Stack>
      <TagsSection libraryId={libraryId} />
      <Divider />
      <SavedRepliesSection libraryId={libraryId} />
      <Divider />
      <RulesSection libraryId={libraryId} />
      <Divider />
      <NoticeSection libraryId={libraryId} />
    </Stack>
  )
}

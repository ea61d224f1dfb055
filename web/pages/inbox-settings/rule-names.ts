import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import { explainRule } from '../../../core/inbox/rule-explain.js'
import type { InboxRule } from '../../../core/inbox/rule-schema.js'
import { channelsQuery } from '../../api/channels.js'
import { inboxTagsQuery } from '../../api/inbox-settings.js'
import { membersQuery } from '../../api/members.js'
import { channelName } from '../../components/network.js'

/** The tags, members and channels a rule names, and the rule in plain words with their names. */
export function useRuleNames(libraryId: string) {
  const { i18n } = useTranslation()
  const tags = useQuery(inboxTagsQuery(libraryId)).data ?? []
  const members = useQuery(membersQuery(libraryId)).data ?? []
  const channels = useQuery(channelsQuery(libraryId)).data ?? []
  const names = {
    tags: Object.fromEntries(tags.map((tag) => [tag.id, tag.name])),
    members: Object.fromEntries(members.map((member) => [member.userId, member.name])),
    channels: Object.fromEntries(channels.map((channel) => [channel.id, channelName(channel)])),
  }
  return {
    tags,
    channels,
    // Only those who may answer can be given a message.
    assignable: members
      .filter((member) => can(member.role, 'inbox.answer'))
      .map((member) => ({ id: member.userId, name: member.name })),
    explain: (rule: Omit<InboxRule, 'id'>) =>
      explainRule({ ...rule, id: '' }, i18n.language === 'en' ? 'en' : 'sv', names),
  }
}

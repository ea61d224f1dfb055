import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ArchiveEntry } from '../../../core/archive/entry.js'
import { moderationReasonLabel } from '../../../core/inbox/moderation-reasons.js'
import { policyPlainText } from '../../../core/strategy/policy-outline.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { channelsQuery } from '../../api/channels.js'
import { networkName, channelName } from '../../components/network.js'

const EXCERPT = 280

export type Amendment = 'edited' | 'deleted' | 'moderated'

/** Which amendments of the same thing are among the given entries, per subject. */
export function amendmentsBySubject(entries: readonly ArchiveEntry[]): Map<string, Set<Amendment>> {
  const out = new Map<string, Set<Amendment>>()
  const mark = (subject: string, a: Amendment) => {
    const set = out.get(subject) ?? new Set<Amendment>()
    set.add(a)
    out.set(subject, set)
  }
  for (const e of entries) {
    if (e.kind === 'item_edited') mark(e.subject, 'edited')
    if (e.kind === 'item_deleted' || e.kind === 'item_unavailable') mark(e.subject, 'deleted')
    if (e.kind === 'moderation') mark(e.subject, 'moderated')
  }
  return out
}

/** The text an entry holds, if any: a post's or item's, an edit's new text, a moderation note. */
export function entryText(entry: ArchiveEntry): string {
  const c = entry.content
  if (!c) return ''
  if ('text' in c) return c.text
  if (c.kind === 'moderation') return c.note
  return ''
}

export function useChannelLabel(libraryId: string) {
  const channels = useQuery(channelsQuery(libraryId))
  return (entry: Pick<ArchiveEntry, 'channelId' | 'network'>) => {
    const channel = channels.data?.find((c) => c.id === entry.channelId)
    if (channel) return channelName(channel)
    return entry.network ? networkName(entry.network) : ''
  }
}

/** Who an entry is by: the person on the network, or the library member who acted. */
export function entryWho(entry: ArchiveEntry): string {
  if (entry.person) return `${entry.person.name || entry.person.handle} (@${entry.person.handle})`
  const c = entry.content
  if (c?.kind === 'post_published') return c.publishedBy?.name ?? c.writtenBy?.name ?? ''
  if (c?.kind === 'moderation' || c?.kind === 'moderation_undone') return c.by?.name ?? ''
  if (c?.kind === 'policy_version') return c.approvedBy?.name ?? ''
  return ''
}

/** Record class, kind, channel, time, who and the amendment marks, in one line of badges. */
export function EntryFacts({
  entry,
  libraryId,
  timeZone,
  amendments,
}: {
  entry: ArchiveEntry
  libraryId: string
  timeZone: string
  amendments?: Set<Amendment> | undefined
}) {
  const { t } = useTranslation()
  const channel = useChannelLabel(libraryId)(entry)
  const local = utcToZoned(entry.occurredAt, timeZone)
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="light" color={entry.recordClass === 'inkommen' ? 'blue' : 'teal'}>
        {t(`archive.class.${entry.recordClass}`)}
      </Badge>
      <Text size="sm" fw={600}>
        {t(`archive.kind.${entry.kind}`)}
      </Text>
      {channel && <Text size="sm">· {channel}</Text>}
      <Text size="sm">
        · <time dateTime={entry.occurredAt}>{`${local.date} ${local.time}`}</time>
      </Text>
      {entryWho(entry) && <Text size="sm">· {entryWho(entry)}</Text>}
      {[...(amendments ?? [])].map((a) => (
        <Badge key={a} variant="outline" color="dark">
          {t(`archive.mark.${a}`)}
        </Badge>
      ))}
      {entry.weededBy && (
        <Badge variant="outline" color="dark">
          {t('archive.mark.weeded')}
        </Badge>
      )}
    </Group>
  )
}

/** The entry as it stood: text as received or published, media with alt text, network link. */
export function EntryContent({ entry, excerpt }: { entry: ArchiveEntry; excerpt?: boolean }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'sv'
  const c = entry.content
  if (!c) return <Text fs="italic">{t('archive.weeded')}</Text>
  // A policy version is kept as its document's JSON; people read it as the policy.
  const shown = c.kind === 'policy_version' ? policyPlainText(c.text, lang) : entryText(entry)
  return (
    <Stack gap="xs">
      {c.kind === 'moderation' && (
        <Text size="sm">
          {t('archive.moderation', {
            action: t(`archive.action.${c.action}`, { defaultValue: c.action }),
            reason: moderationReasonLabel(c.reason, lang),
            by: c.by?.name ?? '',
          })}
        </Text>
      )}
      {c.kind === 'policy_version' && (
        <Text size="sm">{t('archive.policyVersion', { version: c.version })}</Text>
      )}
      {shown && (
        <Text className="archive-text" style={{ whiteSpace: 'pre-wrap' }}>
          {excerpt && shown.length > EXCERPT ? `${shown.slice(0, EXCERPT)}…` : shown}
        </Text>
      )}
      {excerpt ? null : <Details entry={entry} />}
    </Stack>
  )
}

function mediaLabel(mimeType: string) {
  if (mimeType.startsWith('video/')) return 'archive.video'
  if (mimeType.startsWith('audio/')) return 'archive.audio'
  return 'archive.image'
}

function Details({ entry }: { entry: ArchiveEntry }) {
  const { t } = useTranslation()
  const c = entry.content
  if (!c) return null
  return (
    <>
      {'media' in c && c.media.length > 0 && (
        <List size="sm" aria-label={t('archive.media')}>
          {c.media.map((m) => (
            <List.Item key={m.sha256}>
              {t(mediaLabel(m.mimeType), { alt: m.alt || t('archive.noAlt') })}
            </List.Item>
          ))}
        </List>
      )}
      {c.kind === 'item_received' && c.missingMedia && c.missingMedia.length > 0 && (
        <List size="sm" aria-label={t('archive.media')}>
          {c.missingMedia.map((m) => (
            <List.Item key={m.sourceUrl}>
              {t('archive.fileMissing', {
                reason: t(`archive.fileMissingReason.${m.reason}`),
                alt: m.alt || t('archive.noAlt'),
              })}
            </List.Item>
          ))}
        </List>
      )}
      {c.kind === 'post_published' && c.writtenBy && (
        <Text size="sm" c="dimmed">
          {t('archive.writtenBy', { name: c.writtenBy.name })}
        </Text>
      )}
      {entry.url && (
        <Anchor href={entry.url} target="_blank" rel="noreferrer noopener" size="sm">
          {t('archive.onNetwork')}
        </Anchor>
      )}
    </>
  )
}

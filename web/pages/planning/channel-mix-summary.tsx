import { Group, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Calendar } from '../../../core/schemas/index.js'
import { channelMixQuery } from '../../api/guidelines.js'
import { channelName } from '../../components/network.js'
import { StatusIcon, type Tone } from '../../components/status-label.js'
import { intlLocale } from '../../i18n/format.js'

type Props = {
  libraryId: string
  period: { from: string; to: string }
  /** The calendar's channel filter; empty for every channel. */
  channelIds: string[]
  channels: Calendar['channels']
}

/**
 * The skyltfönster rule over the period the calendar shows, per channel: how
 * many posts only announce, and whether that is more than the policy allows.
 * In words and an icon, never colour alone.
 */
export function ChannelMixSummary({ libraryId, period, channelIds, channels }: Props) {
  const { t, i18n } = useTranslation()
  const mix = useQuery(channelMixQuery(libraryId, { ...period, channels: channelIds }))
  const percent = useMemo(
    () => new Intl.NumberFormat(intlLocale(i18n.language), { style: 'percent' }),
    [i18n.language],
  )
  const data = mix.data
  if (data && !data.rule.enabled) return null
  const names = new Map(channels.map((c) => [c.id, channelName(c)]))
  return (
    <section className="cal-mix" aria-labelledby="cal-mix-title">
      <h2 id="cal-mix-title" className="cal-side-title">
        {t('channelMix.title')}
      </h2>
      {mix.isPending ? (
        <Text size="sm">{t('channelMix.loading')}</Text>
      ) : mix.isError || !data ? (
        <Text size="sm">{t('channelMix.failed')}</Text>
      ) : (
        <>
          <Text size="sm" mb="xs" className="prose">
            {t('channelMix.intro', {
              max: percent.format(data.rule.maxPromotionalShare),
              from: data.from,
              to: data.to,
            })}
          </Text>
          {data.channels.length === 0 ? (
            <Text size="sm">{t('channelMix.none')}</Text>
          ) : (
            <ul className="plain-list cal-mix-list">
              {data.channels.map((c) => {
                const few = c.posts < data.rule.minPosts
                const tone: Tone = few ? 'neutral' : c.finding ? 'warn' : 'ok'
                const values = {
                  oneWay: c.oneWay,
                  total: c.posts,
                  share: percent.format(c.posts ? c.oneWay / c.posts : 0),
                }
                const text = few
                  ? t('channelMix.few', { count: c.posts, min: data.rule.minPosts })
                  : t(c.finding ? 'channelMix.window' : 'channelMix.fine', values)
                return (
                  <li key={c.channelId}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <StatusIcon tone={tone} size={16} />
                      <Text size="sm">
                        <strong>{names.get(c.channelId) ?? c.channelId}</strong>: {text}
                      </Text>
                    </Group>
                  </li>
                )
              })}
            </ul>
          )}
        </>
      )}
    </section>
  )
}

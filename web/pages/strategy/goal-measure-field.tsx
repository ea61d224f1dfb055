import { NativeSelect, SimpleGrid } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { NETWORKS, type Network, isBuiltInNetwork } from '../../../core/channels/networks.js'
import { networkName } from '../../components/network.js'
import {
  GOAL_METRICS,
  type GoalMeasure,
  type GoalScope,
  goalMetricSchema,
} from '../../../core/strategy/goal-measure.js'
import { channelsQuery } from '../../api/channels.js'
import { type Path, fieldId, getIn, useEditor } from './fields.js'

function scopeValue(scope: GoalScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all'
    case 'network':
      return `network:${scope.network}`
    case 'channel':
      return `channel:${scope.channelId}`
  }
}

function scopeOf(value: string): GoalScope {
  const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)]
  if (kind === 'network' && (NETWORKS as readonly string[]).includes(rest))
    return { kind: 'network', network: rest as Network }
  if (kind === 'channel' && rest) return { kind: 'channel', channelId: rest }
  return { kind: 'all' }
}

/**
 * Which of Torget's own figures a goal is followed by, and on which channels.
 * "No measure" keeps the goal as words only; the policy page says so.
 */
export function GoalMeasureField({ path }: { path: Path }) {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const { doc, update } = useEditor()
  const channels = useQuery(channelsQuery(libraryId))
  const measure = (getIn(doc, path) as GoalMeasure | null | undefined) ?? null
  const scopes = [
    { value: 'all', label: t('goalProgress.measure.all') },
    // Practice is not something a goal measures.
    ...NETWORKS.filter((n) => !isBuiltInNetwork(n)).map((n) => ({
      value: `network:${n}`,
      label: t('goalProgress.measure.network', { network: networkName(n) }),
    })),
    ...(channels.data ?? []).map((c) => ({
      value: `channel:${c.id}`,
      label: t('goalProgress.measure.channel', {
        handle: c.handle,
        network: networkName(c.network),
      }),
    })),
  ]
  const current = measure ? scopeValue(measure.scope) : 'all'
  // A channel since removed still shows what the goal was measured by.
  if (!scopes.some((s) => s.value === current))
    scopes.push({ value: current, label: t('goalProgress.measure.removed') })
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NativeSelect
        id={fieldId(path)}
        label={t('goalProgress.measure.label')}
        description={t('goalProgress.measure.hint')}
        data={[
          { value: '', label: t('goalProgress.measure.none') },
          ...GOAL_METRICS.map((m) => ({ value: m, label: t(`goalProgress.measure.metrics.${m}`) })),
        ]}
        value={measure?.metric ?? ''}
        onChange={(e) => {
          const metric = goalMetricSchema.safeParse(e.currentTarget.value)
          update(
            path,
            metric.success
              ? { metric: metric.data, scope: measure?.scope ?? { kind: 'all' } }
              : null,
          )
        }}
      />
      {measure && (
        <NativeSelect
          id={fieldId([...path, 'scope'])}
          label={t('goalProgress.measure.where')}
          description={t('goalProgress.measure.whereHint')}
          data={scopes}
          value={current}
          onChange={(e) => update([...path, 'scope'], scopeOf(e.currentTarget.value))}
        />
      )}
    </SimpleGrid>
  )
}

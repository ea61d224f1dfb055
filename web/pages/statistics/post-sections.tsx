import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { FactorGroupName, PostFactor, RankedPost } from '../../../core/schemas/stats.js'
import { ChartFigure } from '../../components/charts/chart-figure.js'
import { HorizontalBars } from '../../components/charts/charts.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import type { SectionProps } from './statistics-page.js'
import { useStatsFormat } from './stats-format.js'

/** A trait of a post in words, as the post has it: "med bild", "utan bild". */
function useTrait() {
  const { t } = useTranslation()
  return (post: RankedPost, factor: PostFactor) => {
    switch (factor) {
      case 'time_of_day':
        return t(`statistics.traits.timeOfDay.${post.timeOfDay}`)
      case 'image':
        return t(post.hasImage ? 'statistics.traits.image' : 'statistics.traits.noImage')
      case 'question':
        return t(post.hasQuestion ? 'statistics.traits.question' : 'statistics.traits.noQuestion')
      case 'campaign':
        return post.campaign
          ? t('statistics.traits.campaign', { name: post.campaign.name })
          : t('statistics.traits.noCampaign')
      case 'paid':
        return t(post.paid ? 'statistics.traits.paid' : 'statistics.traits.notPaid')
    }
  }
}

function PostCard({
  post,
  best,
  channelName,
}: {
  post: RankedPost
  best: boolean
  channelName: (id: string) => string
}) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const trait = useTrait()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Stack gap={4}>
        <AnchorLink
          to="/bibliotek/$libraryId/inlagg/$postId"
          params={{ libraryId, postId: post.postId }}
        >
          {post.excerpt || t('statistics.posts.noText')}
        </AnchorLink>
        <Text size="sm">
          {t('statistics.posts.when', {
            date: f.date(post.date),
            time: post.time,
            channel: channelName(post.channelId),
          })}
        </Text>
        <Text size="sm" fw={600}>
          {t('statistics.posts.counts', {
            engagements: f.whole(post.engagements),
            likes: f.whole(post.likes),
            reposts: f.whole(post.reposts),
            replies: f.whole(post.replies),
            quotes: f.whole(post.quotes),
          })}
        </Text>
        {post.views !== null && (
          <Text size="sm">
            {[
              t('statistics.posts.seen', { views: f.whole(post.views) }),
              post.reach !== null && t('statistics.posts.reach', { reach: f.whole(post.reach) }),
              post.saves !== null && t('statistics.posts.saves', { saves: f.whole(post.saves) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}
        <Group gap="xs">
          {(['time_of_day', 'image', 'question', 'campaign', 'paid'] as const).map((factor) => (
            <Badge key={factor} variant="light" color="gray" tt="none">
              {trait(post, factor)}
            </Badge>
          ))}
          {post.deleted && (
            <Badge variant="light" color="red" tt="none">
              {t('statistics.posts.deleted')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {post.why.length
            ? t(best ? 'statistics.posts.whyBest' : 'statistics.posts.whyWeak', {
                traits: post.why.map((factor) => trait(post, factor)).join(', '),
              })
            : t('statistics.posts.whyNone')}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`statistics.posts.source.${post.source}`)}
          {post.url && (
            <>
              {' · '}
              <Anchor href={post.url} size="xs" target="_blank" rel="noreferrer" underline="always">
                {t('statistics.posts.onNetwork')}
              </Anchor>
            </>
          )}
        </Text>
      </Stack>
    </Paper>
  )
}

/** The best and the weakest posts of the period, each with why. */
export function PostLists({ data, csv, channelName }: SectionProps) {
  const { t } = useTranslation()
  const id = useId()
  const list = (posts: RankedPost[], best: boolean, heading: string, empty: string) => (
    <Stack gap="xs">
      <Title order={3} size="h4" id={`${id}-${best ? 'best' : 'weak'}`}>
        {heading}
      </Title>
      {posts.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Stack
          component="ol"
          gap="xs"
          className="plain-list"
          aria-labelledby={`${id}-${best ? 'best' : 'weak'}`}
        >
          {posts.map((post) => (
            <PostCard key={post.publicationId} post={post} best={best} channelName={channelName} />
          ))}
        </Stack>
      )}
    </Stack>
  )
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Title order={2} size="h3" id={`${id}-title`}>
          {t('statistics.posts.title')}
        </Title>
        <Text size="sm" c="dimmed" className="prose">
          {t('statistics.posts.formula')}
        </Text>
        {list(data.bestPosts, true, t('statistics.posts.best'), t('statistics.noPosts'))}
        {list(
          data.weakestPosts,
          false,
          t('statistics.posts.weakest'),
          t('statistics.posts.noWeak'),
        )}
        <Anchor href={csv('posts')} download size="sm">
          {t('statistics.csv', { title: t('statistics.posts.title') })}
        </Anchor>
      </Stack>
    </Paper>
  )
}

export function FactorsChart({ data, csv }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const label = (factor: PostFactor, group: FactorGroupName) =>
    t('statistics.factors.row', {
      factor: t(`statistics.factors.names.${factor}`),
      group: t(`statistics.factors.groups.${group}`),
    })
  return (
    <ChartFigure
      title={t('statistics.factors.title')}
      formula={t('statistics.factors.formula')}
      csvHref={csv('factors')}
      empty={data.factors.length ? undefined : t('statistics.noPosts')}
      table={{
        columns: [
          { label: t('statistics.factors.trait') },
          { label: t('statistics.totals.postsPublished'), numeric: true },
          { label: t('statistics.totals.engagementPerPost'), numeric: true },
        ],
        rows: data.factors.map((g) => [
          label(g.factor, g.group),
          f.whole(g.posts),
          f.decimal(g.perPost),
        ]),
      }}
    >
      <HorizontalBars
        rows={data.factors.map((g) => ({ label: label(g.factor, g.group), value: g.perPost ?? 0 }))}
        format={(n) => f.decimal(n)}
      />
    </ChartFigure>
  )
}

export function CampaignsChart({ data, csv }: SectionProps) {
  const { t } = useTranslation()
  const f = useStatsFormat()
  const outside = data.campaigns[0]?.comparedTo ?? null
  return (
    <ChartFigure
      title={t('statistics.campaigns.title')}
      formula={t('statistics.campaigns.formula')}
      csvHref={csv('campaigns')}
      empty={data.campaigns.length ? undefined : t('statistics.campaigns.empty')}
      table={{
        columns: [
          { label: t('statistics.campaigns.name') },
          { label: t('statistics.campaigns.goal') },
          { label: t('statistics.totals.postsPublished'), numeric: true },
          { label: t('statistics.channels.engagements'), numeric: true },
          { label: t('statistics.totals.engagementPerPost'), numeric: true },
          { label: t('statistics.campaigns.outside'), numeric: true },
        ],
        rows: data.campaigns.map((c) => [
          c.name,
          c.goal || t('statistics.campaigns.noGoal'),
          f.whole(c.posts),
          f.whole(c.engagements),
          f.decimal(c.perPost),
          f.decimal(c.comparedTo),
        ]),
      }}
    >
      <HorizontalBars
        rows={[
          ...data.campaigns.map((c) => ({ label: c.name, value: c.perPost ?? 0 })),
          { label: t('statistics.campaigns.outside'), value: outside ?? 0 },
        ]}
        format={(n) => f.decimal(n)}
      />
    </ChartFigure>
  )
}

import { Button, CopyButton, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { inboxNoticeQuery } from '../../api/inbox-settings.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { Loading } from '../../components/route-states.js'

/**
 * The notice lag (1998:112) om elektroniska anslagstavlor § 3 asks for: who runs the account and
 * what happens to what people write there. Torget writes it from the policy; the library pastes it.
 */
export function NoticeSection({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation()
  const notice = useQuery(inboxNoticeQuery(libraryId))
  return (
    <Stack gap="sm" component="section" aria-labelledby="notice-heading">
      <Title order={2} size="h3" id="notice-heading">
        {t('inboxSettings.notice.title')}
      </Title>
      <Text className="prose">{t('inboxSettings.notice.intro')}</Text>
      {notice.isPending ? (
        <Loading />
      ) : notice.isError ? (
        <ErrorAlert error={notice.error} />
      ) : !notice.data.bio && !notice.data.website ? (
        // The text is written from the strategy; without one there is nothing to paste yet.
        <Text className="prose">
          {t('inboxSettings.notice.empty')}{' '}
          <AnchorLink to="/bibliotek/$libraryId/strategi/utkast" params={{ libraryId }}>
            {t('inboxSettings.notice.toStrategy')}
          </AnchorLink>
        </Text>
      ) : (
        <>
          <NoticeText
            id="notice-bio"
            title={t('inboxSettings.notice.bioTitle')}
            where={t('inboxSettings.notice.bioWhere')}
            text={notice.data.bio}
          />
          <NoticeText
            id="notice-website"
            title={t('inboxSettings.notice.websiteTitle')}
            where={t('inboxSettings.notice.websiteWhere')}
            text={notice.data.website}
          />
          <Text size="sm" className="prose">
            {t('inboxSettings.notice.fromPolicy')}
          </Text>
        </>
      )}
    </Stack>
  )
}

function NoticeText({
  id,
  title,
  where,
  text,
}: {
  id: string
  title: string
  where: string
  text: string
}) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={`${id}-title`}>
          {title}
        </Title>
        <Text size="sm">{where}</Text>
        <Text
          id={id}
          component="blockquote"
          m={0}
          p="sm"
          bg="gray.0"
          style={{
            whiteSpace: 'pre-wrap',
            borderInlineStart: '3px solid var(--mantine-color-gray-4)',
          }}
        >
          {text}
        </Text>
        <CopyButton value={text} timeout={4000}>
          {({ copied, copy }) => (
            <div>
              <Button size="xs" variant={copied ? 'light' : 'default'} onClick={copy}>
                {t('inboxSettings.notice.copy')}
                <span className="visually-hidden"> – {title}</span>
              </Button>
              <Text component="span" size="sm" role="status" ml="sm" c="teal.8">
                {copied ? t('inboxSettings.notice.copied') : ''}
              </Text>
            </div>
          )}
        </CopyButton>
      </Stack>
    </Paper>
  )
}

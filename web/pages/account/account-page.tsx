import { Group, List, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useRequiredSession } from '../../api/use-session.js'
import { AccountShell } from '../../components/account-shell.js'
import { DigestSetting } from '../../components/digest-setting.js'
import { PageHeading } from '../../components/page-heading.js'
import { useFormat } from '../../i18n/format.js'
import { ProfileForm } from './profile-form.js'
import { AnchorLink } from '../../components/links/anchor-link.js'
import { ButtonLink } from '../../components/links/button-link.js'

export function AccountPage() {
  const { t } = useTranslation()
  const session = useRequiredSession()
  const format = useFormat()
  const { user, memberships } = session

  return (
    <AccountShell session={session}>
      <Stack gap="xl">
        <PageHeading>{t('account.title')}</PageHeading>
        <Paper withBorder p="xl" radius="lg">
          <ProfileForm key={user.id} user={user} />
        </Paper>
        <DigestSetting />
        <Stack gap="sm" component="section" aria-labelledby="libraries-heading">
          <Title order={2} size="h3" id="libraries-heading">
            {t('account.librariesTitle')}
          </Title>
          {memberships.length === 0 ? (
            <Text>{t('account.noLibraries')}</Text>
          ) : (
            <List spacing="xs">
              {memberships.map((membership) => (
                <List.Item key={membership.libraryId}>
                  <AnchorLink
                    to="/bibliotek/$libraryId/planering"
                    params={{ libraryId: membership.libraryId }}
                  >
                    {membership.libraryName}
                  </AnchorLink>{' '}
                  <Text component="span" size="sm" c="dimmed">
                    ({format.role(membership.role)})
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
          {user.isInstanceAdmin && (
            <Group>
              <ButtonLink to="/nytt-bibliotek" variant="light">
                {t('account.newLibrary')}
              </ButtonLink>
            </Group>
          )}
        </Stack>
      </Stack>
    </AccountShell>
  )
}

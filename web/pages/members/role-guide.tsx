import { Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ROLES } from '../../../core/roles.js'
import { useFormat } from '../../i18n/format.js'

/** What each role is for, so a Manager can pick the right one. */
export function RoleGuide() {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <Stack gap="sm" component="section" aria-labelledby="role-guide-heading">
      <Title order={2} size="h3" id="role-guide-heading">
        {t('members.rolesTitle')}
      </Title>
      <Text size="sm">{t('members.rolesIntro')}</Text>
      <dl className="details">
        {ROLES.map((role) => (
          <div key={role} className="details-row">
            <dt>{format.role(role)}</dt>
            <dd>{t(`roleInfo.${role}`)}</dd>
          </div>
        ))}
      </dl>
    </Stack>
  )
}

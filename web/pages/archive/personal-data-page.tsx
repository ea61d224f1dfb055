import { Alert, Anchor, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../core/roles.js'
import {
  type AccountExtract,
  type ErasureResult,
  accountExtract,
  accountExtractTextUrl,
  eraseAccount,
} from '../../api/archive-admin.js'
import { useMembership } from '../../api/use-session.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FormCard } from '../../components/form-card.js'
import { useAction } from '../../components/use-action.js'
import { PageHeading } from '../../components/page-heading.js'
import { ArchiveSubnav, NotAllowed } from './archive-subnav.js'

/**
 * Personuppgifter: a registerutdrag (GDPR art. 15) for a network account, and
 * erasure (art. 17) of what no archive duty covers. Public records stay, each
 * with the reason it is kept.
 */
export function PersonalDataPage() {
  const { t } = useTranslation()
  const { libraryId } = useParams({ from: '/signed-in/bibliotek/$libraryId' })
  const membership = useMembership(libraryId)
  const [account, setAccount] = useState('')
  const [looked, setLooked] = useState('')
  const [extract, setExtract] = useState<AccountExtract | null>(null)
  const [erased, setErased] = useState<ErasureResult | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [missing, setMissing] = useState(false)
  const lookup = useAction()
  const erasing = useAction()
  if (!can(membership.role, 'archive.manage')) return <NotAllowed />

  const lookUp = () => {
    if (!account.trim()) {
      setMissing(true)
      document.getElementById('person-account')?.focus()
      return
    }
    setErased(null)
    setExtract(null)
    void lookup.run(async () => {
      setExtract(await accountExtract(libraryId, account))
      setLooked(account.trim())
    })
  }

  const erase = () =>
    void erasing.run(async () => {
      setErased(await eraseAccount(libraryId, looked))
      setExtract(null)
      setConfirming(false)
    })

  const kept = extract
    ? [
        ...extract.archive.map((a) => a.kept.text),
        ...extract.interactions.flatMap((i) => (i.kept ? [i.kept.text] : [])),
      ]
    : []
  const erasable = extract ? extract.interactions.filter((i) => !i.kept).length : 0
  const reasons = [...new Set(kept)]

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{t('archive.personal.title')}</PageHeading>
        <ArchiveSubnav libraryId={libraryId} />
        <Text className="prose">{t('archive.personal.intro')}</Text>
      </Stack>
      <FormCard labelId="person-lookup" title={t('archive.personal.lookup')} onSubmit={lookUp}>
        <TextInput
          id="person-account"
          label={t('archive.personal.account')}
          description={t('archive.personal.accountHint')}
          required
          value={account}
          onChange={(e) => {
            setAccount(e.currentTarget.value)
            setMissing(false)
          }}
          error={missing ? t('archive.personal.accountMissing') : undefined}
          maxLength={300}
          maw={360}
        />
        <ErrorAlert error={lookup.error} />
        <Group>
          <Button type="submit" loading={lookup.busy}>
            {t('archive.personal.find')}
          </Button>
        </Group>
      </FormCard>

      {extract && (
        <section aria-labelledby="person-found">
          <Stack gap="sm">
            <Title order={2} size="h3" id="person-found">
              {t('archive.personal.found', { account: looked })}
            </Title>
            {extract.handles.length > 0 && (
              <Text>{t('archive.personal.known', { handles: extract.handles.join(', ') })}</Text>
            )}
            <List>
              <List.Item>
                {t('archive.personal.archived', { count: extract.archive.length })}
              </List.Item>
              <List.Item>
                {t('archive.personal.interactions', { count: extract.interactions.length })}
              </List.Item>
              <List.Item>{t('archive.personal.notes', { count: extract.notes.length })}</List.Item>
            </List>
            <Group>
              <Anchor href={accountExtractTextUrl(libraryId, looked)} download>
                {t('archive.personal.download')}
              </Anchor>
            </Group>
            <Title order={3} size="h4">
              {t('archive.personal.keptTitle')}
            </Title>
            {reasons.length === 0 ? (
              <Text>{t('archive.personal.nothingKept')}</Text>
            ) : (
              <List size="sm">
                {reasons.slice(0, 20).map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            )}
            <Alert variant="light" color="gray" role="note">
              {t('archive.personal.eraseExplain', { count: erasable })}
            </Alert>
            <Group>
              <Button color="red" onClick={() => setConfirming(true)} disabled={erasable === 0}>
                {t('archive.personal.erase')}
              </Button>
            </Group>
          </Stack>
        </section>
      )}

      {erased && (
        <Alert
          role="status"
          variant="light"
          color="green"
          title={t('archive.personal.erasedTitle')}
        >
          <Stack gap="xs">
            <Text>
              {t('archive.personal.erased', {
                count: erased.pseudonymised.length,
                pseudonym: erased.pseudonym,
              })}
            </Text>
            <Text>{t('archive.personal.erasedKept', { count: erased.kept.length })}</Text>
          </Stack>
        </Alert>
      )}

      <ConfirmDialog
        opened={confirming}
        title={t('archive.personal.confirmTitle')}
        body={t('archive.personal.confirmBody', { count: erasable, account: looked })}
        confirmLabel={t('archive.personal.erase')}
        onConfirm={erase}
        onClose={() => {
          setConfirming(false)
          erasing.clear()
        }}
        pending={erasing.busy}
        error={erasing.error}
        fallbackFocus={() => document.getElementById('person-lookup')}
      />
    </Stack>
  )
}

import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportRecipient } from '../../../core/schemas/reports.js'
import { fieldErrors } from '../../api/client.js'
import {
  addRecipient,
  removeRecipient,
  reportSettingsQuery,
  reportUrl,
  retryRecipient,
  sendTestReport,
} from '../../api/reports.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkEmail, focusFirstInvalid } from '../../components/form.js'
import { notify } from '../../components/notify.js'
import { Loading } from '../../components/route-states.js'
import { useFormat } from '../../i18n/format.js'
import { monthName } from './month-name.js'
import { ScrollTable } from '../../components/scroll-table.js'

/**
 * Who gets the monthly report by e-mail, for a library or (libraryId null)
 * for the whole installation: the list with each address's last delivery or
 * bounce, a form to add one, a test to oneself and the report to look at.
 */
export function RecipientsSection({
  libraryId,
  timeZone,
  title,
  intro,
  idPrefix,
}: {
  libraryId: string | null
  timeZone: string
  title: string
  intro: string
  idPrefix: string
}) {
  const { t, i18n } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  const settings = useQuery(reportSettingsQuery(libraryId))
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: reportSettingsQuery(libraryId).queryKey })
  const test = useMutation({
    mutationFn: () => sendTestReport(libraryId),
    onSuccess: (sent) => notify(t('reports.recipients.testSent', { to: sent.to })),
  })
  const remove = useMutation({
    mutationFn: (r: ReportRecipient) => removeRecipient(libraryId, r.id),
    onSuccess: async (_, r) => {
      await refresh()
      notify(t('reports.recipients.removed', { email: r.email }))
    },
  })
  const retry = useMutation({
    mutationFn: (r: ReportRecipient) => retryRecipient(libraryId, r.id),
    onSuccess: async (r) => {
      await refresh()
      notify(t('reports.recipients.retrying', { email: r.email }))
    },
  })
  const headingId = `${idPrefix}-heading`

  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        <Text className="prose">{intro}</Text>
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <ErrorAlert error={settings.error} />
        ) : (
          <>
            {!settings.data.emailAvailable && (
              <Alert role="note" color="yellow" variant="light">
                {t('reports.recipients.noEmail')}
              </Alert>
            )}
            <Text>
              {settings.data.lastSent
                ? t('reports.recipients.lastSent', {
                    month: monthName(settings.data.lastSent.month, i18n.language),
                    at: format.date(settings.data.lastSent.at),
                  })
                : t('reports.recipients.neverSent')}
            </Text>
            {settings.data.recipients.length === 0 ? (
              <Text fw={600}>{t('reports.recipients.none')}</Text>
            ) : (
              <ScrollTable minWidth={560} label={t('reports.recipients.caption')}>
                <Table captionSide="top">
                  <Table.Caption>{t('reports.recipients.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('reports.recipients.name')}</Table.Th>
                      <Table.Th scope="col">{t('reports.recipients.email')}</Table.Th>
                      <Table.Th scope="col">{t('reports.recipients.status')}</Table.Th>
                      <Table.Th scope="col">
                        <span className="visually-hidden">{t('reports.recipients.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {settings.data.recipients.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>{r.name || '–'}</Table.Td>
                        <Table.Td>{r.email}</Table.Td>
                        <Table.Td>
                          {r.bouncedAt ? (
                            <Stack gap={4} align="flex-start">
                              <Text c="red.8" fw={600} size="sm">
                                {t('reports.recipients.bounced', {
                                  at: format.date(r.bouncedAt),
                                  reason: r.bounceReason ?? '',
                                })}
                              </Text>
                              <Button
                                size="xs"
                                variant="light"
                                loading={retry.isPending && retry.variables?.id === r.id}
                                onClick={() => retry.mutate(r)}
                                aria-label={t('reports.recipients.retryFor', { email: r.email })}
                              >
                                {t('reports.recipients.retry')}
                              </Button>
                            </Stack>
                          ) : r.lastSentAt ? (
                            t('reports.recipients.sentAt', { at: format.date(r.lastSentAt) })
                          ) : (
                            t('reports.recipients.notYet')
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="default"
                            loading={remove.isPending && remove.variables?.id === r.id}
                            onClick={() => remove.mutate(r)}
                            aria-label={t('reports.recipients.removeFor', { email: r.email })}
                          >
                            {t('reports.recipients.remove')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            <ErrorAlert error={remove.error ?? retry.error} />
            <AddRecipientForm libraryId={libraryId} idPrefix={idPrefix} onAdded={refresh} />
            <Stack gap="xs">
              <Group gap="md">
                <Button
                  variant="default"
                  onClick={() => test.mutate()}
                  loading={test.isPending}
                  disabled={!settings.data.emailAvailable}
                >
                  {t('reports.recipients.test')}
                </Button>
                <Anchor
                  href={reportUrl(libraryId, 'html', settings.data.latestMonth)}
                  target="_blank"
                >
                  {t('reports.recipients.viewHtml', {
                    month: monthName(settings.data.latestMonth, i18n.language),
                  })}
                </Anchor>
                <Anchor
                  href={reportUrl(libraryId, 'pdf', settings.data.latestMonth)}
                  target="_blank"
                >
                  {t('reports.recipients.viewPdf', {
                    month: monthName(settings.data.latestMonth, i18n.language),
                  })}
                </Anchor>
              </Group>
              <ErrorAlert error={test.error} />
            </Stack>
          </>
        )}
      </Stack>
    </Paper>
  )
}

function AddRecipientForm({
  libraryId,
  idPrefix,
  onAdded,
}: {
  libraryId: string | null
  idPrefix: string
  onAdded: () => Promise<void>
}) {
  const { t } = useTranslation()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [problem, setProblem] = useState<string>()
  const add = useMutation({
    mutationFn: () => addRecipient(libraryId, { email: email.trim(), name: name.trim() }),
    onSuccess: async (r) => {
      setName('')
      setEmail('')
      await onAdded()
      notify(t('reports.recipients.added', { email: r.email }))
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(add.error)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = checkEmail(t, email)
    setProblem(found)
    if (found) return focusFirstInvalid(formRef.current)
    add.mutate()
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-add`}>
      <Stack gap="sm" maw={640}>
        <Title order={3} size="h5" id={`${idPrefix}-add`}>
          {t('reports.recipients.addTitle')}
        </Title>
        <Group align="flex-start" grow wrap="wrap">
          <TextInput
            label={t('reports.recipients.name')}
            description={t('reports.recipients.nameHint')}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t('reports.recipients.email')}
            type="email"
            autoComplete="off"
            required
            value={email}
            error={problem ?? server.email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        </Group>
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('reports.recipients.add')}
          </Button>
        </Group>
        {!server.email && <ErrorAlert error={add.error} />}
      </Stack>
    </form>
  )
}

import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../../core/locale.js'
import { fieldErrors } from '../../api/client.js'
import { createLibrary } from '../../api/library.js'
import { sessionQuery } from '../../api/session.js'
import { useRequiredSession } from '../../api/use-session.js'
import { AccountShell } from '../../components/account-shell.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkRequired, focusFirstInvalid } from '../../components/form.js'
import { LocaleRadio } from '../../components/locale-radio.js'
import { PageHeading } from '../../components/page-heading.js'
import { TimeZoneSelect } from '../../components/time-zone-select.js'
import { currentLocale } from '../../i18n/index.js'

export function NewLibraryPage() {
  const { t } = useTranslation()
  const session = useRequiredSession()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState('')
  const [timeZone, setTimeZone] = useState('Europe/Stockholm')
  const [locale, setLocale] = useState<Locale>(currentLocale())
  const [nameError, setNameError] = useState<string>()

  const mutation = useMutation({
    mutationFn: () => createLibrary({ name: name.trim(), timeZone, locale }),
    onSuccess: async (library) => {
      const fresh = await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 })
      if (fresh?.memberships.some((m) => m.libraryId === library.id)) {
        // A new library starts with its people: go where colleagues are invited.
        await navigate({ to: '/bibliotek/$libraryId/medlemmar', params: { libraryId: library.id } })
      } else {
        await navigate({ to: '/konto' })
      }
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const problem = checkRequired(t, name)
    setNameError(problem)
    if (problem) return focusFirstInvalid(formRef.current)
    mutation.mutate()
  }

  return (
    <AccountShell session={session}>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('newLibrary.title')}</PageHeading>
          <Text>{t('newLibrary.intro')}</Text>
        </Stack>
        {!session.user.isInstanceAdmin ? (
          <Alert role="note" color="gray" variant="light">
            {t('newLibrary.notAllowed')}
          </Alert>
        ) : (
          <Paper withBorder p="xl" radius="lg">
            <form ref={formRef} onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <TextInput
                  label={t('fields.libraryName')}
                  autoComplete="organization"
                  value={name}
                  onChange={(event) => setName(event.currentTarget.value)}
                  error={nameError ?? server.name}
                  required
                />
                <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={server.timeZone} />
                <LocaleRadio
                  label={t('fields.libraryLocale')}
                  description={t('fields.libraryLocaleHint')}
                  value={locale}
                  onChange={setLocale}
                />
                <ErrorAlert error={mutation.error} />
                <Group>
                  <Button type="submit" loading={mutation.isPending}>
                    {t('newLibrary.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </AccountShell>
  )
}

import { Button, Fieldset, List, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../../core/locale.js'
import { fieldErrors, isApiError } from '../../api/client.js'
import { runSetup, startSession, type SetupForm } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import {
  checkEmail,
  checkNewPassword,
  checkRequired,
  focusFirstInvalid,
  problems,
  type FieldErrors,
  PASSWORD_MIN,
} from '../../components/form.js'
import { LocaleRadio } from '../../components/locale-radio.js'
import { PageHeading } from '../../components/page-heading.js'
import { PasswordField } from '../../components/password-field.js'
import { PublicLayout } from '../../components/public-layout.js'
import { TimeZoneSelect } from '../../components/time-zone-select.js'
import { currentLocale } from '../../i18n/index.js'

type Field = keyof SetupForm

export function SetupPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formRef = useRef<HTMLFormElement>(null)
  const [form, setForm] = useState<SetupForm>({
    name: '',
    email: '',
    password: '',
    libraryName: '',
    timeZone: 'Europe/Stockholm',
    locale: currentLocale(),
    setupCode: '',
  })
  const [errors, setErrors] = useState<FieldErrors<Field>>({})

  const mutation = useMutation({
    mutationFn: runSetup,
    onSuccess: async (session) => {
      startSession(queryClient, session)
      await navigate({ to: '/' })
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const server = fieldErrors(mutation.error)
  const wrongCode = isApiError(mutation.error, 'setup_code_invalid')
  const errorOf = (field: Field) =>
    errors[field] ??
    server[field] ??
    (field === 'setupCode' && wrongCode ? t('setup.codeWrong') : undefined)
  const set = (field: Field) => (value: string) => setForm((old) => ({ ...old, [field]: value }))
  const text = (field: Field) => ({
    value: form[field],
    onChange: (event: { currentTarget: { value: string } }) =>
      set(field)(event.currentTarget.value),
    error: errorOf(field),
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const found = problems<Field>({
      name: checkRequired(t, form.name),
      email: checkEmail(t, form.email),
      password: checkNewPassword(t, form.password),
      libraryName: checkRequired(t, form.libraryName),
      timeZone: undefined,
      locale: undefined,
      setupCode: checkRequired(t, form.setupCode),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current)
    mutation.mutate({
      ...form,
      email: form.email.trim(),
      name: form.name.trim(),
      setupCode: form.setupCode.trim(),
    })
  }

  return (
    <PublicLayout wide>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading documentTitle={t('setup.documentTitle')}>{t('setup.title')}</PageHeading>
          <Text>{t('setup.intro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('setup.point1')}</List.Item>
            <List.Item>{t('setup.point2')}</List.Item>
            <List.Item>{t('setup.point3')}</List.Item>
          </List>
          <Text>{t('setup.steps')}</Text>
        </Stack>
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="lg">
            <Fieldset legend={t('setup.codeLegend')} variant="unstyled">
              <TextInput
                label={t('setup.codeLabel')}
                description={t('setup.codeHint')}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                required
                {...text('setupCode')}
              />
            </Fieldset>
            <Fieldset legend={t('setup.accountLegend')} variant="unstyled">
              <Stack gap="md">
                <TextInput
                  label={t('fields.name')}
                  autoComplete="name"
                  required
                  {...text('name')}
                />
                <TextInput
                  label={t('fields.email')}
                  type="email"
                  autoComplete="email"
                  required
                  {...text('email')}
                />
                <PasswordField
                  label={t('fields.password')}
                  description={t('fields.passwordHint', { min: PASSWORD_MIN })}
                  autoComplete="new-password"
                  required
                  {...text('password')}
                />
              </Stack>
            </Fieldset>
            <Fieldset legend={t('setup.libraryLegend')} variant="unstyled">
              <Stack gap="md">
                <TextInput
                  label={t('fields.libraryName')}
                  description={t('setup.libraryNameHint')}
                  autoComplete="organization"
                  required
                  {...text('libraryName')}
                />
                <TimeZoneSelect
                  value={form.timeZone}
                  onChange={set('timeZone')}
                  error={errorOf('timeZone')}
                />
                <LocaleRadio
                  label={t('fields.libraryLocale')}
                  description={t('fields.libraryLocaleHint')}
                  value={form.locale}
                  onChange={(locale: Locale) => setForm((old) => ({ ...old, locale }))}
                />
              </Stack>
            </Fieldset>
            <ErrorAlert error={mutation.error} />
            <Button type="submit" loading={mutation.isPending} size="md">
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  )
}

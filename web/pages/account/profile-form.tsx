import { Button, Group, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../../core/locale.js'
import type { User } from '../../../core/schemas/index.js'
import { fieldErrors } from '../../api/client.js'
import { sessionQuery, updateMe } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkRequired, focusFirstInvalid } from '../../components/form.js'
import { LocaleRadio } from '../../components/locale-radio.js'
import { applyLocale } from '../../i18n/index.js'
import { notify } from '../../components/notify.js'

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState(user.name)
  const [locale, setLocale] = useState<Locale>(user.locale)
  const [nameError, setNameError] = useState<string>()

  const mutation = useMutation({
    mutationFn: () => updateMe({ name: name.trim(), locale }),
    onSuccess: (saved) => {
      queryClient.setQueryData(sessionQuery.queryKey, (old) => old && { ...old, user: saved })
      applyLocale(saved.locale)
      // Said after the switch, so the confirmation comes in the chosen language.
      notify(t('account.saved', { lng: saved.locale }))
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
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('fields.name')}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError ?? server.name}
          required
        />
        <TextInput
          label={t('fields.email')}
          value={user.email}
          readOnly
          description={t('account.emailHint')}
        />
        <LocaleRadio
          label={t('language.label')}
          description={t('account.languageHint')}
          value={locale}
          onChange={setLocale}
        />
        <ErrorAlert error={mutation.error} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../../core/locale.js'
import type { Library } from '../../../core/schemas/index.js'
import { fieldErrors } from '../../api/client.js'
import { updateLibrary } from '../../api/library.js'
import { sessionQuery } from '../../api/session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { checkRequired, focusFirstInvalid } from '../../components/form.js'
import { LocaleRadio } from '../../components/locale-radio.js'
import { TimeZoneSelect } from '../../components/time-zone-select.js'
import { notify } from '../../components/notify.js'

export function LibrarySettingsForm({ library }: { library: Library }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const [name, setName] = useState(library.name)
  const [timeZone, setTimeZone] = useState(library.timeZone)
  const [locale, setLocale] = useState<Locale>(library.locale)
  const [requireSecondApprover, setRequireSecondApprover] = useState(library.requireSecondApprover)
  const [repliesNeedApproval, setRepliesNeedApproval] = useState(library.repliesNeedApproval)
  const [nameError, setNameError] = useState<string>()

  const mutation = useMutation({
    mutationFn: () =>
      updateLibrary(library.id, {
        name: name.trim(),
        timeZone,
        locale,
        requireSecondApprover,
        repliesNeedApproval,
      }),
    onSuccess: async () => {
      // The name and time zone also live in the session's membership list.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['library', library.id] }),
        queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }),
      ])
      notify(t('settings.saved'))
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
      <Stack gap="md" maw={520}>
        <TextInput
          label={t('fields.libraryName')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError ?? server.name}
          autoComplete="organization"
          required
        />
        <TimeZoneSelect
          value={timeZone}
          onChange={setTimeZone}
          error={server.timeZone}
          description={t('settings.timeZoneHint')}
        />
        <LocaleRadio
          label={t('fields.libraryLocale')}
          description={t('fields.libraryLocaleHint')}
          value={locale}
          onChange={setLocale}
        />
        <Checkbox
          label={t('approval.settings.requireSecond')}
          description={t('approval.settings.requireSecondHint')}
          checked={requireSecondApprover}
          onChange={(event) => setRequireSecondApprover(event.currentTarget.checked)}
        />
        <Checkbox
          label={t('approval.settings.repliesNeedApproval')}
          description={t('approval.settings.repliesNeedApprovalHint')}
          checked={repliesNeedApproval}
          onChange={(event) => setRepliesNeedApproval(event.currentTarget.checked)}
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

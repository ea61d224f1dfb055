import { Checkbox, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { reportSettingsQuery, setComparison } from '../../api/reports.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { notify } from '../../components/notify.js'
import { useFormat } from '../../i18n/format.js'

/** The library's consent to show its figures in the installation's medians, and what it means. */
export function ComparisonSection({
  libraryId,
  timeZone,
  consent,
}: {
  libraryId: string
  timeZone: string
  consent: { optedIn: boolean; since: string | null }
}) {
  const { t } = useTranslation()
  const format = useFormat(timeZone)
  const queryClient = useQueryClient()
  // The choice shows at once; the server's answer replaces it.
  const [wanted, setWanted] = useState<boolean>()
  const change = useMutation({
    mutationFn: (optedIn: boolean) => setComparison(libraryId, optedIn),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: reportSettingsQuery(libraryId).queryKey })
      notify(t(result.optedIn ? 'reports.comparison.joined' : 'reports.comparison.left'))
    },
  })
  return (
    <Paper withBorder p="lg" radius="lg" component="section" aria-labelledby="comparison-heading">
      <Stack gap="sm" maw={680}>
        <Title order={2} size="h3" id="comparison-heading">
          {t('reports.comparison.title')}
        </Title>
        <Text className="prose">{t('reports.comparison.intro')}</Text>
        <Text className="prose">{t('reports.comparison.privacy')}</Text>
        <Checkbox
          label={t('reports.comparison.toggle')}
          checked={wanted ?? consent.optedIn}
          disabled={change.isPending}
          onChange={(e) => {
            const optedIn = e.currentTarget.checked
            setWanted(optedIn)
            change.mutate(optedIn, { onSettled: () => setWanted(undefined) })
          }}
        />
        {consent.optedIn && consent.since && (
          <Text size="sm">{t('reports.comparison.since', { at: format.date(consent.since) })}</Text>
        )}
        <ErrorAlert error={change.error} />
      </Stack>
    </Paper>
  )
}

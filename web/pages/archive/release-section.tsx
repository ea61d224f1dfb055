import {
  Button,
  Code,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArchiveRequest, ReleaseFormat } from '../../../core/schemas/archive-request.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import {
  archiveRequestQuery,
  archiveRequestsQuery,
  decideRequest,
  releaseRequest,
} from '../../api/archive.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ScrollTable } from '../../components/scroll-table.js'

/** The Ansvarig's release: the records as masked, as a PDF to read or JSON to check. */
export function ReleaseSection({
  libraryId,
  request,
}: {
  libraryId: string
  request: ArchiveRequest
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState<ReleaseFormat | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState('')
  const masks = request.items.reduce((n, i) => n + i.masks.length, 0)
  const release = async (format: ReleaseFormat) => {
    setBusy(format)
    setError(null)
    try {
      await releaseRequest(libraryId, request.id, format)
      setStatus(t('archive.release.done', { format: format.toUpperCase() }))
      await queryClient.invalidateQueries({
        queryKey: archiveRequestQuery(libraryId, request.id).queryKey,
      })
      void queryClient.invalidateQueries({ queryKey: archiveRequestsQuery(libraryId).queryKey })
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <section aria-labelledby="request-release">
      <Stack gap="sm">
        <Title order={2} size="h3" id="request-release">
          {t('archive.release.title')}
        </Title>
        <Text className="prose">
          {t('archive.release.intro', { count: request.items.length, masks })}
        </Text>
        <Group gap="sm">
          {(['pdf', 'json'] as const).map((format) => (
            <Button
              key={format}
              variant={format === 'pdf' ? 'filled' : 'default'}
              loading={busy === format}
              disabled={busy !== null || request.items.length === 0}
              onClick={() => void release(format)}
            >
              {t(`archive.release.${format}`)}
            </Button>
          ))}
        </Group>
        <ErrorAlert error={error} />
        <Text role="status">{status}</Text>
      </Stack>
    </section>
  )
}

/** Every release of the request: when, by whom, what (entries, masks) and the file's checksum. */
export function ReleaseLog({ request, timeZone }: { request: ArchiveRequest; timeZone: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="request-log">
      <Title order={2} size="h3" id="request-log" mb="sm">
        {t('archive.log.title')}
      </Title>
      {request.releases.length === 0 ? (
        <Text>{t('archive.log.none')}</Text>
      ) : (
        <ScrollTable minWidth={640} labelledBy="request-log">
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('archive.log.when')}</Table.Th>
                <Table.Th scope="col">{t('archive.log.who')}</Table.Th>
                <Table.Th scope="col">{t('archive.log.format')}</Table.Th>
                <Table.Th scope="col">{t('archive.log.what')}</Table.Th>
                <Table.Th scope="col">{t('archive.log.checksum')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {request.releases.map((r) => {
                const local = utcToZoned(r.releasedAt, timeZone)
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>{`${local.date} ${local.time}`}</Table.Td>
                    <Table.Td>{r.by.name}</Table.Td>
                    <Table.Td>{r.format.toUpperCase()}</Table.Td>
                    <Table.Td>
                      {t('archive.log.contents', {
                        count: r.entries.length,
                        masks: r.maskIds.length,
                      })}
                    </Table.Td>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all' }}>{r.fileSha256}</Code>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </section>
  )
}

/** Closing the request, or refusing it with the ground (an appealable decision). */
export function DecisionForm({
  libraryId,
  request,
}: {
  libraryId: string
  request: ArchiveRequest
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [outcome, setOutcome] = useState<'closed' | 'refused'>('closed')
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!note.trim()) {
      setMissing(true)
      document.getElementById('decision-note')?.focus()
      return
    }
    setError(null)
    try {
      const next = await decideRequest(libraryId, request.id, { outcome, note: note.trim() })
      queryClient.setQueryData(archiveRequestQuery(libraryId, request.id).queryKey, next)
      void queryClient.invalidateQueries({ queryKey: archiveRequestsQuery(libraryId).queryKey })
    } catch (e) {
      setError(e)
    }
  }
  const outcomes =
    request.state === 'open' ? (['closed', 'refused'] as const) : (['closed'] as const)
  return (
    <section aria-labelledby="request-decision">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="request-decision">
            {t('archive.decision.title')}
          </Title>
          <NativeSelect
            id="decision-outcome"
            label={t('archive.decision.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value as 'closed' | 'refused')}
            data={outcomes.map((o) => ({ value: o, label: t(`archive.decision.${o}`) }))}
            w={260}
            maw="100%"
          />
          <Textarea
            id="decision-note"
            label={t('archive.decision.note')}
            description={t(`archive.decision.noteHint.${outcome}`)}
            required
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value)
              setMissing(false)
            }}
            error={missing ? t('archive.decision.noteMissing') : null}
            maxLength={2000}
            autosize
            minRows={2}
          />
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" variant="default">
              {t('archive.decision.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  )
}

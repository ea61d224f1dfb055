import {
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Channel } from '../../../core/schemas/index.js'
import type { HoldView } from '../../../core/schemas/archive-weeding.js'
import { utcToZoned } from '../../../core/time/zoned.js'
import { archiveAdminKey, holdsQuery, liftHold, placeHold } from '../../api/archive-admin.js'
import { ConfirmDialog } from '../../components/confirm-dialog.js'
import { DateInput } from '../../components/date-time-inputs.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FormCard } from '../../components/form-card.js'
import { useAction } from '../../components/use-action.js'
import { channelName } from '../../components/network.js'
import { Loading } from '../../components/route-states.js'
import { ScrollTable } from '../../components/scroll-table.js'

/**
 * Spärrar (legal holds): while one is in force, nothing it covers can be weeded,
 * whatever the rules say — for a dispute, an investigation or an open request.
 */
export function HoldsSection(props: {
  libraryId: string
  channels: Channel[]
  timeZone: string
  canManage: boolean
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const holds = useQuery(holdsQuery(props.libraryId))
  const [lifting, setLifting] = useState<HoldView | null>(null)
  const liftAction = useAction()
  const day = (iso: string | null) => (iso ? utcToZoned(iso, props.timeZone).date : '')
  const scope = (hold: HoldView) => {
    const channel = props.channels.find((c) => c.id === hold.channelId)
    const from = day(hold.from)
    // `to` is the first instant no longer covered: the last day covered is the day before.
    const to = hold.to ? day(new Date(Date.parse(hold.to) - 1).toISOString()) : ''
    return [
      from || to
        ? t('archive.holds.period', {
            from: from || '…',
            to: to || '…',
          })
        : t('archive.holds.allTime'),
      channel ? channelName(channel) : null,
      hold.person ? t('archive.holds.personIs', { person: hold.person }) : null,
    ]
      .filter(Boolean)
      .join(', ')
  }

  const lift = () => {
    const chosen = lifting
    if (!chosen) return
    void liftAction.run(async () => {
      await liftHold(props.libraryId, chosen.id)
      await queryClient.invalidateQueries({ queryKey: archiveAdminKey(props.libraryId) })
      setLifting(null)
    })
  }

  return (
    <section aria-labelledby="holds">
      <Stack gap="sm">
        <Title order={2} size="h3" id="holds">
          {t('archive.holds.title')}
        </Title>
        <Text className="prose">{t('archive.holds.intro')}</Text>
        {holds.isPending && <Loading />}
        {holds.isError && <ErrorAlert error={holds.error} />}
        {holds.data?.length === 0 && <Text>{t('archive.holds.none')}</Text>}
        {holds.data && holds.data.length > 0 && (
          <ScrollTable minWidth={640} labelledBy="holds">
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('archive.holds.reason')}</Table.Th>
                  <Table.Th scope="col">{t('archive.holds.covers')}</Table.Th>
                  <Table.Th scope="col">{t('archive.holds.placed')}</Table.Th>
                  <Table.Th scope="col">{t('archive.weeding.status')}</Table.Th>
                  {props.canManage && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('archive.weeding.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {holds.data.map((hold) => (
                  <Table.Tr key={hold.id}>
                    <Table.Td>{hold.reason}</Table.Td>
                    <Table.Td>{scope(hold)}</Table.Td>
                    <Table.Td>
                      {t('archive.holds.by', {
                        name: hold.placedBy.name,
                        date: day(hold.placedAt),
                      })}
                    </Table.Td>
                    <Table.Td>
                      {hold.active ? (
                        <Text span fw={700}>
                          {t('archive.holds.active')}
                        </Text>
                      ) : (
                        t('archive.holds.lifted', {
                          name: hold.liftedBy?.name ?? '',
                          date: day(hold.liftedAt),
                        })
                      )}
                    </Table.Td>
                    {props.canManage && (
                      <Table.Td>
                        {hold.active && (
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => setLifting(hold)}
                            aria-label={t('archive.holds.liftNamed', { reason: hold.reason })}
                          >
                            {t('archive.holds.lift')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {props.canManage && <NewHoldForm {...props} />}
      </Stack>
      <ConfirmDialog
        opened={lifting !== null}
        title={t('archive.holds.liftTitle')}
        body={t('archive.holds.liftBody', { reason: lifting?.reason ?? '' })}
        confirmLabel={t('archive.holds.lift')}
        onConfirm={lift}
        onClose={() => {
          setLifting(null)
          liftAction.clear()
        }}
        pending={liftAction.busy}
        error={liftAction.error}
        fallbackFocus={() => document.getElementById('holds')}
      />
    </section>
  )
}

function NewHoldForm({ libraryId, channels }: { libraryId: string; channels: Channel[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [channelId, setChannelId] = useState('')
  const [person, setPerson] = useState('')
  const [missing, setMissing] = useState(false)
  const { busy, error, problems, run } = useAction()

  const submit = () => {
    if (!reason.trim()) {
      setMissing(true)
      document.getElementById('hold-reason')?.focus()
      return
    }
    void run(async () => {
      await placeHold(libraryId, {
        reason: reason.trim(),
        from: from || null,
        to: to || null,
        channelId: channelId || null,
        person: person.trim() || null,
      })
      await queryClient.invalidateQueries({ queryKey: archiveAdminKey(libraryId) })
      setReason('')
      setPerson('')
    })
  }

  return (
    <FormCard labelId="new-hold" title={t('archive.holds.new')} level={3} onSubmit={submit}>
      <Textarea
        id="hold-reason"
        label={t('archive.holds.reason')}
        description={t('archive.holds.reasonHint')}
        required
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value)
          setMissing(false)
        }}
        error={missing ? t('archive.holds.reasonMissing') : problems.reason}
        maxLength={2000}
        autosize
        minRows={2}
      />
      <Group align="flex-start" gap="md" wrap="wrap">
        <DateInput
          id="hold-from"
          label={t('archive.holds.from')}
          value={from}
          onChange={setFrom}
          error={problems.from}
        />
        <DateInput
          id="hold-to"
          label={t('archive.holds.to')}
          value={to}
          onChange={setTo}
          error={problems.to}
        />
        <NativeSelect
          id="hold-channel"
          label={t('archive.weeding.channel')}
          value={channelId}
          onChange={(e) => setChannelId(e.currentTarget.value)}
          data={[
            { value: '', label: t('archive.weeding.allChannels') },
            ...channels.map((c) => ({ value: c.id, label: channelName(c) })),
          ]}
        />
        <TextInput
          id="hold-person"
          label={t('archive.holds.person')}
          description={t('archive.holds.personHint')}
          value={person}
          onChange={(e) => setPerson(e.currentTarget.value)}
          maxLength={300}
          w={280}
          maw="100%"
        />
      </Group>
      <ErrorAlert error={error} />
      <Group>
        <Button type="submit" loading={busy}>
          {t('archive.holds.place')}
        </Button>
      </Group>
    </FormCard>
  )
}

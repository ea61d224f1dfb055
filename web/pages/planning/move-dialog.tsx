import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isLocalDate, isLocalTime } from '../../../core/time/zoned.js'
import { DateInput, TimeInput } from '../../components/date-time-inputs.js'
import { firstLine } from '../../components/post-status.js'
import type { AnyItem } from './calendar-item.js'
import { DEFAULT_TIME } from './use-move.js'

interface Props {
  item: AnyItem | null
  today: string
  onClose: () => void
  onMove: (item: AnyItem, date: string, time: string) => Promise<boolean>
}

/** "Flytta till…": a date and a time, for everyone who does not drag (keyboard, screen reader, touch). */
export function MoveDialog({ item, today, onClose, onMove }: Props) {
  const { t } = useTranslation()
  // The title stays while the dialog fades out after `item` is gone.
  const [last, setLast] = useState(item)
  if (item && item !== last) setLast(item)
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={last && 'at' in last ? t('calendar.move.title') : t('calendar.move.planTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {item && (
        <MoveForm key={item.id} item={item} today={today} onClose={onClose} onMove={onMove} />
      )}
    </Modal>
  )
}

function MoveForm({ item, today, onClose, onMove }: Props & { item: AnyItem }) {
  const { t } = useTranslation()
  const [date, setDate] = useState('date' in item ? item.date : today)
  const [time, setTime] = useState('time' in item ? item.time : DEFAULT_TIME)
  const [busy, setBusy] = useState(false)
  const [tried, setTried] = useState(false)
  const dateError = tried && !isLocalDate(date) ? t('calendar.move.dateInvalid') : undefined
  const timeError = tried && !isLocalTime(time) ? t('calendar.move.timeInvalid') : undefined

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        setTried(true)
        if (!isLocalDate(date) || !isLocalTime(time)) return
        setBusy(true)
        void onMove(item, date, time).then((ok) => {
          setBusy(false)
          if (ok) onClose()
        })
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {firstLine(item.excerpt) || t('calendar.noText')}
        </Text>
        {item.state === 'scheduled' && (
          <Text size="sm" c="dimmed">
            {t('calendar.move.scheduledNote')}
          </Text>
        )}
        <Group grow align="flex-start">
          <DateInput
            label={t('calendar.move.date')}
            value={date}
            onChange={setDate}
            error={dateError}
            required
            data-autofocus
            w="auto"
          />
          <TimeInput
            label={t('calendar.move.time')}
            value={time}
            onChange={setTime}
            error={timeError}
            required
            w="auto"
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('calendar.move.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('calendar.move.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

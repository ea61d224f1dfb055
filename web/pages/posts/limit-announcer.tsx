import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { countText } from '../../../core/composer/count.js'
import type { Channel } from '../../../core/schemas/index.js'
import { channelName } from '../../components/network.js'

const PAUSE_MS = 1200

/**
 * Tells screen reader users, once they pause typing, when the text no longer
 * fits a chosen channel, and once more when it fits again. Silent otherwise:
 * a count read out on every keystroke would drown the typing.
 */
export function LimitAnnouncer({
  channels,
  textFor,
}: {
  channels: Channel[]
  textFor: (channelId: string) => string
}) {
  const { t } = useTranslation()
  const over = channels
    .map((channel) => {
      const count = countText(textFor(channel.id), channel.limits)
      if (count.fits) return undefined
      return count.used > count.limit
        ? t('announce.over', { name: channelName(channel), count: count.used - count.limit })
        : t('announce.overBytes', { name: channelName(channel) })
    })
    .filter(Boolean)
    .join(' ')
  const [settled] = useDebouncedValue(over, PAUSE_MS)
  const [spoken, setSpoken] = useState('')
  const fits = t('announce.fits')

  useEffect(() => {
    if (settled) setSpoken(settled)
    else setSpoken((previous) => (previous ? fits : ''))
  }, [settled, fits])

  return (
    <div aria-live="polite" className="visually-hidden">
      {spoken}
    </div>
  )
}

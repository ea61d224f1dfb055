import { Checkbox, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Channel } from '../../../core/schemas/index.js'
import { channelName } from '../../components/network.js'

type Props = {
  label: string
  channels: Channel[]
  value: string[]
  onChange: (ids: string[]) => void
  description?: string
}

/** Which of the library's channels; says so plainly when none is connected yet. */
export function ChannelCheckboxes({ label, channels, value, onChange, description }: Props) {
  const { t } = useTranslation()
  if (channels.length === 0)
    return (
      <Text size="sm">
        <Text span fw={600}>
          {label}:
        </Text>{' '}
        {t('campaigns.noChannels')}
      </Text>
    )
  return (
    <Checkbox.Group label={label} description={description} value={value} onChange={onChange}>
      <Group gap="md" mt={6}>
        {channels.map((channel) => (
          <Checkbox key={channel.id} value={channel.id} label={channelName(channel)} />
        ))}
      </Group>
    </Checkbox.Group>
  )
}

import { Button, Checkbox, Fieldset, Stack, Text, Textarea } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { textDirection } from '../../../core/languages.js'
import type { Channel } from '../../../core/schemas/index.js'
import { channelName, useChannelError } from '../../components/network.js'
import type { Draft } from './draft.js'
import { CHANNELS_ID, variantFieldId } from './problems.js'

const toggleId = (channelId: string) => `own-text-${channelId}`
// Long handles (@bibliotek@mastodon.example) must wrap on a phone, not run off the screen.
const WRAP = {
  root: { height: 'auto', minHeight: 26 },
  label: { whiteSpace: 'normal' as const, textAlign: 'left' as const },
}

type Props = {
  channels: Channel[]
  draft: Draft
  onChange: (next: Draft) => void
}

/** Where the post goes, and an own text for a channel where the shared one does not fit. */
export function ChannelPicker({ channels, draft, onChange }: Props) {
  const { t } = useTranslation()
  const channelError = useChannelError()

  const toggle = (channelId: string, on: boolean) =>
    onChange({
      ...draft,
      channelIds: on
        ? [...draft.channelIds, channelId]
        : draft.channelIds.filter((id) => id !== channelId),
    })

  const setVariant = (channelId: string, text: string | undefined) => {
    const variants = { ...draft.variants }
    if (text === undefined) delete variants[channelId]
    else variants[channelId] = text
    onChange({ ...draft, variants })
  }

  const openVariant = (channelId: string) => {
    setVariant(channelId, draft.text)
    requestAnimationFrame(() => document.getElementById(variantFieldId(channelId))?.focus())
  }

  return (
    <Fieldset legend={t('composer.channels')} variant="unstyled" id={CHANNELS_ID} tabIndex={-1}>
      <Stack gap="sm" mt="xs">
        {channels.map((channel) => {
          const chosen = draft.channelIds.includes(channel.id)
          const variant = draft.variants[channel.id]
          const name = channelName(channel)
          return (
            <Stack key={channel.id} gap={6}>
              <Checkbox
                label={name}
                description={
                  channel.health === 'ok'
                    ? undefined
                    : `${t(`channels.health.${channel.health}`)}: ${channelError(channel.healthCode, channel.network)}`
                }
                checked={chosen}
                onChange={(event) => toggle(channel.id, event.currentTarget.checked)}
              />
              {chosen &&
                (variant === undefined ? (
                  <div>
                    <Button
                      id={toggleId(channel.id)}
                      variant="subtle"
                      size="compact-sm"
                      ml={28}
                      styles={WRAP}
                      onClick={() => openVariant(channel.id)}
                    >
                      {t('composer.ownText', { name })}
                    </Button>
                  </div>
                ) : (
                  <Stack gap={4} ml={28}>
                    <Textarea
                      id={variantFieldId(channel.id)}
                      label={t('composer.ownText', { name })}
                      description={t('composer.ownTextHint')}
                      value={variant}
                      onChange={(event) => setVariant(channel.id, event.currentTarget.value)}
                      autosize
                      minRows={3}
                      lang={draft.language}
                      attributes={{ input: { dir: textDirection(draft.language) } }}
                    />
                    <div>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        styles={WRAP}
                        onClick={() => {
                          setVariant(channel.id, undefined)
                          requestAnimationFrame(() =>
                            document.getElementById(toggleId(channel.id))?.focus(),
                          )
                        }}
                      >
                        {t('composer.useSharedText', { name })}
                      </Button>
                    </div>
                  </Stack>
                ))}
            </Stack>
          )
        })}
        {channels.length === 0 && <Text size="sm">{t('composer.noChannels')}</Text>}
      </Stack>
    </Fieldset>
  )
}

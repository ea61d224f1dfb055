import { Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArchiveEntry } from '../../../core/archive/entry.js'
import type { MaskRange } from '../../../core/archive/masking.js'
import type { CreateMask } from '../../../core/schemas/archive-request.js'
import { entryText } from './entry-view.js'

/** Every place the phrase occurs in the text, as ranges to mask. */
export function rangesOf(text: string, phrase: string): MaskRange[] {
  const ranges: MaskRange[] = []
  if (!phrase) return ranges
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length))
    ranges.push({ start: at, end: at + phrase.length })
  return ranges
}

/**
 * Masks part of one entry: words typed (or taken from a selection in the
 * original), or the sender; always with the legal ground.
 */
export function MaskForm({
  entry,
  originalId,
  ground,
  onGround,
  onMask,
}: {
  entry: ArchiveEntry
  /** The element showing the original text, to take a selection from. */
  originalId: string
  ground: string
  onGround: (ground: string) => void
  onMask: (mask: CreateMask) => Promise<boolean>
}) {
  const { t } = useTranslation()
  const [phrase, setPhrase] = useState('')
  const [problem, setProblem] = useState<{ phrase?: string; ground?: string }>({})
  const [busy, setBusy] = useState(false)
  const text = entryText(entry)
  const field = entry.content?.kind === 'moderation' ? 'note' : 'text'
  const id = (part: string) => `mask-${entry.id}-${part}`

  const needGround = () => {
    if (ground.trim()) return false
    setProblem({ ground: t('archive.mask.groundMissing') })
    document.getElementById(id('ground'))?.focus()
    return true
  }
  const send = async (mask: Omit<CreateMask, 'ground' | 'entryId'>) => {
    setBusy(true)
    if (await onMask({ ...mask, entryId: entry.id, ground: ground.trim() })) setPhrase('')
    setBusy(false)
  }
  const maskPhrase = async () => {
    const ranges = rangesOf(text, phrase)
    if (ranges.length === 0) {
      setProblem({ phrase: t('archive.mask.notFound') })
      document.getElementById(id('phrase'))?.focus()
      return
    }
    if (needGround()) return
    setProblem({})
    await send({ field, ranges })
  }
  const takeSelection = () => {
    const selection = window.getSelection()
    const inside = selection?.anchorNode && document.getElementById(originalId)
    if (selection && inside?.contains(selection.anchorNode)) setPhrase(selection.toString().trim())
    else setProblem({ phrase: t('archive.mask.noSelection') })
  }

  return (
    <Stack gap="xs">
      {text && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            id={id('phrase')}
            label={t('archive.mask.phrase')}
            description={t('archive.mask.phraseHint')}
            value={phrase}
            onChange={(e) => {
              setPhrase(e.currentTarget.value)
              setProblem({})
            }}
            error={problem.phrase}
            w={300}
            maw="100%"
          />
          <Button variant="default" onClick={takeSelection}>
            {t('archive.mask.useSelection')}
          </Button>
        </Group>
      )}
      <TextInput
        id={id('ground')}
        label={t('archive.mask.ground')}
        description={t('archive.mask.groundHint')}
        value={ground}
        onChange={(e) => {
          onGround(e.currentTarget.value)
          setProblem({})
        }}
        error={problem.ground}
        maxLength={200}
        w={300}
        maw="100%"
      />
      <Group gap="sm">
        {text && (
          <Button onClick={() => void maskPhrase()} loading={busy} disabled={!phrase.trim()}>
            {t('archive.mask.maskText')}
          </Button>
        )}
        {entry.person && (
          <Button
            variant="default"
            loading={busy}
            onClick={() => {
              if (!needGround()) void send({ field: 'author' })
            }}
          >
            {t('archive.mask.maskAuthor')}
          </Button>
        )}
      </Group>
      {!text && !entry.person && <Text size="sm">{t('archive.mask.nothing')}</Text>}
    </Stack>
  )
}

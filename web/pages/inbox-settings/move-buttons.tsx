import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * Up and down buttons instead of dragging: they work with a keyboard and a screen reader, and
 * focus follows the moved entry so one can press again.
 */
export function MoveButtons({
  id,
  name,
  first,
  last,
  onMove,
}: {
  id: string
  name: string
  first: boolean
  last: boolean
  onMove: (step: -1 | 1) => void
}) {
  const { t } = useTranslation()
  if (first && last) return null
  return (
    <Group gap={4}>
      <Button
        size="xs"
        variant="default"
        data-move={`${id}:up`}
        disabled={first}
        onClick={() => onMove(-1)}
      >
        {t('inboxSettings.moveUp')}
        <span className="visually-hidden"> – {name}</span>
      </Button>
      <Button
        size="xs"
        variant="default"
        data-move={`${id}:down`}
        disabled={last}
        onClick={() => onMove(1)}
      >
        {t('inboxSettings.moveDown')}
        <span className="visually-hidden"> – {name}</span>
      </Button>
    </Group>
  )
}

/** After a move, back to the same button, or its sibling when the entry reached an end. */
export function focusMoved(id: string, step: -1 | 1): void {
  requestAnimationFrame(() => {
    const want = document.querySelector<HTMLButtonElement>(
      `[data-move="${CSS.escape(id)}:${step < 0 ? 'up' : 'down'}"]`,
    )
    const other = document.querySelector<HTMLButtonElement>(
      `[data-move="${CSS.escape(id)}:${step < 0 ? 'down' : 'up'}"]`,
    )
    ;(want && !want.disabled ? want : other)?.focus()
  })
}

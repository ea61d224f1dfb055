import { Table } from '@mantine/core'
import type { ReactNode } from 'react'

type Props = { minWidth: number; children: ReactNode } & (
  { label: string; labelledBy?: never } | { labelledBy: string; label?: never }
)

/**
 * A table wider than a phone (or a window zoomed to 400 %) scrolls sideways in its own box. The
 * box takes the keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1), and is named
 * as a region after the table, so a screen reader says what the stop is.
 */
export function ScrollTable({ minWidth, label, labelledBy, children }: Props) {
  return (
    <Table.ScrollContainer
      type="native"
      minWidth={minWidth}
      // Inside a flex column the box would otherwise grow to the table's width; positioned, it also
      // holds what is placed absolutely in the table (a visually hidden caption, a menu).
      maw="100%"
      miw={0}
      pos="relative"
      tabIndex={0}
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      {children}
    </Table.ScrollContainer>
  )
}

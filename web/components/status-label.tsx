import { Group, Text } from '@mantine/core'

export type Tone = 'ok' | 'waiting' | 'busy' | 'warn' | 'bad' | 'neutral'

// Text shades reach 4.5:1 on white; the icon repeats the tone for those who see colour.
const TEXT: Record<Tone, string> = {
  ok: 'teal.8',
  waiting: 'torget.8',
  busy: 'torget.8',
  warn: 'dark.7',
  bad: 'red.8',
  neutral: 'gray.8',
}

const ICON_COLOUR: Record<Tone, string> = {
  ok: 'var(--mantine-color-teal-7)',
  waiting: 'var(--mantine-color-torget-7)',
  busy: 'var(--mantine-color-torget-7)',
  warn: 'var(--mantine-color-orange-8)',
  bad: 'var(--mantine-color-red-7)',
  neutral: 'var(--mantine-color-gray-7)',
}

const PATHS: Record<Tone, string> = {
  ok: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12.5l2.5 2.5L16 9.5',
  waiting: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  busy: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v4h-4',
  warn: 'M12 3l10 18H2zM12 10v4M12 17.5v.5',
  bad: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9 9l6 6M15 9l-6 6',
  neutral: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12h8',
}

export function StatusIcon({ tone, size = 18 }: { tone: Tone; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke={ICON_COLOUR[tone]}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      style={{ flex: 'none' }}
    >
      <path d={PATHS[tone]} />
    </svg>
  )
}

/** A state in words with an icon and a colour: never colour alone. */
export function StatusLabel({
  tone,
  children,
  size = 'sm',
}: {
  tone: Tone
  children: string
  size?: 'xs' | 'sm' | 'md'
}) {
  return (
    <Group gap={6} wrap="nowrap" component="span" style={{ display: 'inline-flex' }}>
      <StatusIcon tone={tone} size={size === 'xs' ? 14 : 18} />
      <Text component="span" size={size} fw={600} c={TEXT[tone]}>
        {children}
      </Text>
    </Group>
  )
}

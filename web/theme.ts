import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core'

/**
 * A calm petrol blue. Shades 6–9 reach at least 4.5:1 against white (WCAG 2.1
 * AA for normal text), so links, buttons and focus rings stay readable.
 */
const torget: MantineColorsTuple = [
  '#e7f2f6',
  '#cfe4ec',
  '#a3cbd9',
  '#74b0c5',
  '#4d99b4',
  '#3489a9',
  '#1f7896',
  '#156a86',
  '#0e5c76',
  '#0a4d63',
]

const SYSTEM_FONTS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'

export const theme = createTheme({
  colors: { torget },
  primaryColor: 'torget',
  primaryShade: { light: 7, dark: 8 },
  fontFamily: SYSTEM_FONTS,
  headings: { fontFamily: SYSTEM_FONTS, fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
  respectReducedMotion: true,
  cursorType: 'pointer',
})

/** Mantine's default grey and red text fall below 4.5:1 on white; use darker shades. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
})

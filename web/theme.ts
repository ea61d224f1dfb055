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

/** Mantine's red and teal, with the shades used for text and buttons darkened to reach 4.5:1. */
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#e03131',
  '#c92a2a',
  '#b42424',
  '#9f1f1f',
  '#8a1a1a',
]

const teal: MantineColorsTuple = [
  '#e6fcf5',
  '#c3fae8',
  '#96f2d7',
  '#63e6be',
  '#38d9a9',
  '#12b886',
  '#087f5b',
  '#077050',
  '#066b4d',
  '#055a40',
]

const SYSTEM_FONTS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'

export const theme = createTheme({
  colors: { torget, red, teal },
  primaryColor: 'torget',
  primaryShade: { light: 7, dark: 8 },
  fontFamily: SYSTEM_FONTS,
  headings: { fontFamily: SYSTEM_FONTS, fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
  respectReducedMotion: true,
  cursorType: 'pointer',
  components: {
    // Nearly every field is required, so the few optional ones say "(valfritt)"
    // instead; labels then read exactly as written, without a stray asterisk.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    Fieldset: {
      styles: { legend: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 650 } },
    },
  },
})

/** Mantine's default grey text falls below 4.5:1 on white; use darker shades. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
})

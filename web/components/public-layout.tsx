import { Box, Container, Group, Paper } from '@mantine/core'
import type { ReactNode } from 'react'
import { BrandLink } from './brand-link.js'
import { LanguageSwitch } from './language-switch.js'
import { MAIN_ID } from './skip-link.js'

/** The calm frame for pages before sign-in: a header and one centred card. */
export function PublicLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <Box className="public-page">
      <header className="public-header">
        <Container size="lg">
          <Group justify="space-between" h={64}>
            <BrandLink />
            <LanguageSwitch />
          </Group>
        </Container>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="public-main">
        <Container size={wide ? 640 : 460} py="xl">
          <Paper withBorder shadow="xs" p={{ base: 'lg', sm: 'xl' }} radius="lg">
            {children}
          </Paper>
        </Container>
      </main>
    </Box>
  )
}

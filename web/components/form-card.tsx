import { Paper, Stack, Title } from '@mantine/core'
import type { FormEvent, ReactNode } from 'react'

interface FormCardProps {
  /** The heading's id, which names the form for assistive technology. */
  labelId: string
  title: ReactNode
  /** 2 for a form of its own on a page, 3 for one inside a titled section. */
  level?: 2 | 3
  onSubmit: () => void
  children: ReactNode
}

/**
 * A bordered form named by its heading. The browser's own validation is off
 * (noValidate) so every problem is told the same way, in the person's language.
 */
export function FormCard({ labelId, title, level = 2, onSubmit, children }: FormCardProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit()
  }
  return (
    <Paper
      withBorder
      p="md"
      radius="lg"
      component="form"
      onSubmit={submit}
      aria-labelledby={labelId}
      noValidate
    >
      <Stack gap="sm">
        <Title order={level} size={level === 2 ? 'h3' : 'h4'} id={labelId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  )
}

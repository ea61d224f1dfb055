import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { createContext, useContext, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorMessage } from './error-alert.js'
import { PageHeading } from './page-heading.js'
import { PublicLayout } from './public-layout.js'
import { ButtonLink } from './links/button-link.js'

/** True inside a shell that already has the page's <main>. */
export const InsideMain = createContext(false)

function Frame({ children }: { children: ReactNode }) {
  return useContext(InsideMain) ? (
    <Stack gap="md">{children}</Stack>
  ) : (
    <PublicLayout>{children}</PublicLayout>
  )
}

export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <Frame>
      <Stack gap="md">
        <PageHeading>{t('notFound.title')}</PageHeading>
        <Text>{t('notFound.body')}</Text>
        <Group>
          <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
        </Group>
      </Stack>
    </Frame>
  )
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation()
  const router = useRouter()
  const message = useErrorMessage()
  const retry = () => {
    reset()
    void router.invalidate()
  }
  return (
    <Frame>
      <Stack gap="md">
        <PageHeading>{t('errors.pageTitle')}</PageHeading>
        <Alert color="red" variant="light" role="alert">
          {message(error)}
        </Alert>
        <Group>
          <Button onClick={retry}>{t('common.retry')}</Button>
          <ButtonLink to="/" variant="default">
            {t('notFound.home')}
          </ButtonLink>
        </Group>
      </Stack>
    </Frame>
  )
}

export function PendingPage() {
  const { t } = useTranslation()
  return (
    <Center mih="40vh" role="status">
      <Loader aria-hidden="true" />
      <span className="visually-hidden">{t('common.loading')}</span>
    </Center>
  )
}

/** A loading placeholder inside a page, announced politely. */
export function Loading() {
  const { t } = useTranslation()
  return (
    <Group gap="sm" role="status" py="md">
      <Loader size="sm" aria-hidden="true" />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  )
}

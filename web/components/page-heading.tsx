import { Title, type TitleProps } from '@mantine/core'
import { useLocation } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { hasNavigated } from './route-focus.js'

type Props = Omit<TitleProps, 'order' | 'children'> & {
  children: string
  /** The page title when it should differ from the heading. */
  documentTitle?: string
}

/** The one h1 of a page: names the browser tab and receives focus after navigation. */
export function PageHeading({ children, documentTitle, ...rest }: Props) {
  const { t } = useTranslation()
  const ref = useRef<HTMLHeadingElement>(null)
  const pathname = useLocation({ select: (location) => location.pathname })
  const title = documentTitle ?? children

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`
  }, [title, t])

  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: false })
  }, [pathname])

  return (
    <Title order={1} ref={ref} tabIndex={-1} className="page-heading" {...rest}>
      {children}
    </Title>
  )
}

import './zod-config.js'
import './mantine-styles.js'
import './styles.css'
import { MantineProvider } from '@mantine/core'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createRouter, RouterProvider } from '@tanstack/react-router'
import { StrictMode, Suspense, lazy } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiError, configureApiClient, isApiError } from './api/client.js'
import { endSession, sessionQuery } from './api/session.js'
import { trackNavigation } from './components/route-focus.js'
import { NotFoundPage, PendingPage, RouteError } from './components/route-states.js'
import { currentLocale, initI18n } from './i18n/index.js'
import { routeTree } from './routes.js'
import { cssVariablesResolver, theme } from './theme.js'

await initI18n()

// Toasts only ever follow an action, so their code loads after the first page.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((module) => ({ default: module.Notifications })),
)

function onUnauthenticated(error: unknown) {
  // A session that expired mid-visit: forget it; the signed-in layout leads to sign-in.
  if (isApiError(error, 'unauthenticated')) endSession(queryClient)
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onUnauthenticated }),
  mutationCache: new MutationCache({ onError: onUnauthenticated }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx answer will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
})

configureApiClient({
  locale: currentLocale,
  csrfToken: () => queryClient.getQueryData(sessionQuery.queryKey)?.csrfToken,
})

const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: PendingPage,
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
})
trackNavigation(router)

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}

const container = document.getElementById('root')
if (!container) throw new Error('index.html lacks #root')

createRoot(container).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme="light"
    >
      <Suspense fallback={null}>
        <Notifications position="top-right" />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
)

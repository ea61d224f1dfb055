import type { QueryClient } from '@tanstack/react-query'
import {
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
  notFound,
  redirect,
} from '@tanstack/react-router'
import { sessionQuery, setupStatusQuery } from './api/session.js'
import { RootLayout, SignedInLayout } from './layouts.js'
import { rememberLibrary, safeRedirect, startLibrary } from './navigation.js'
import { isPlanningTab, type PlanningTab } from './pages/planning/planning-tabs.js'

export type RouterContext = { queryClient: QueryClient }

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
})

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context: { queryClient } }) => {
    const setup = await queryClient.ensureQueryData(setupStatusQuery)
    if (setup.needed) throw redirect({ to: '/setup', replace: true })
    const session = await queryClient.ensureQueryData(sessionQuery)
    if (!session) throw redirect({ to: '/logga-in', replace: true })
    const libraryId = startLibrary(session)
    if (!libraryId) throw redirect({ to: '/konto', replace: true })
    throw redirect({ to: '/bibliotek/$libraryId/planering', params: { libraryId }, replace: true })
  },
})

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  beforeLoad: async ({ context: { queryClient } }) => {
    const setup = await queryClient.ensureQueryData(setupStatusQuery)
    if (!setup.needed) throw redirect({ to: '/', replace: true })
  },
  component: lazyRouteComponent(() => import('./pages/setup/setup-page.js'), 'SetupPage'),
})

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/logga-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const target = safeRedirect(search.redirect)
    return target ? { redirect: target } : {}
  },
  beforeLoad: async ({ context: { queryClient }, search }) => {
    const session = await queryClient.ensureQueryData(sessionQuery)
    if (session) throw redirect({ href: search.redirect ?? '/', replace: true })
  },
  component: lazyRouteComponent(() => import('./pages/sign-in/sign-in-page.js'), 'SignInPage'),
})

const requestResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/glomt-losenord',
  component: lazyRouteComponent(
    () => import('./pages/password-reset/request-reset-page.js'),
    'RequestResetPage',
  ),
})

const confirmResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/aterstall-losenord',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' ? { token: search.token } : {},
  component: lazyRouteComponent(
    () => import('./pages/password-reset/confirm-reset-page.js'),
    'ConfirmResetPage',
  ),
})

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inbjudan/$token',
  component: lazyRouteComponent(
    () => import('./pages/invitation/invitation-page.js'),
    'InvitationPage',
  ),
})

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context: { queryClient }, location }) => {
    const session = await queryClient.ensureQueryData(sessionQuery)
    if (!session) throw redirect({ to: '/logga-in', search: { redirect: location.href } })
    return { session }
  },
  component: SignedInLayout,
})

const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/konto',
  component: lazyRouteComponent(() => import('./pages/account/account-page.js'), 'AccountPage'),
})

const newLibraryRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/nytt-bibliotek',
  component: lazyRouteComponent(
    () => import('./pages/new-library/new-library-page.js'),
    'NewLibraryPage',
  ),
})

const libraryRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/bibliotek/$libraryId',
  beforeLoad: async ({ context: { queryClient, session }, params: { libraryId } }) => {
    let current = session
    // A library joined in another tab is not in the cached session yet.
    if (!current.memberships.some((m) => m.libraryId === libraryId)) {
      current = (await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 })) ?? session
    }
    if (!current.memberships.some((m) => m.libraryId === libraryId)) throw notFound()
    rememberLibrary(libraryId)
  },
  component: lazyRouteComponent(
    () => import('./pages/workspace/workspace-shell.js'),
    'WorkspaceShell',
  ),
})

const libraryIndexRoute = createRoute({
  getParentRoute: () => libraryRoute,
  path: '/',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/bibliotek/$libraryId/planering', params, replace: true })
  },
})

const comingSoon = () => import('./pages/workspace/coming-soon-pages.js')

function sectionRoute<TPath extends string>(
  path: TPath,
  component: ReturnType<typeof lazyRouteComponent>,
) {
  return createRoute({
    getParentRoute: () => libraryRoute,
    path,
    component,
  })
}

const planningRoute = createRoute({
  getParentRoute: () => libraryRoute,
  path: 'planering',
  validateSearch: (search: Record<string, unknown>): { visa?: PlanningTab } =>
    isPlanningTab(search.visa) ? { visa: search.visa } : {},
  component: lazyRouteComponent(() => import('./pages/planning/planning-page.js'), 'PlanningPage'),
})
const postPages = () => import('./pages/posts/post-pages.js')
const newPostRoute = sectionRoute('inlagg/nytt', lazyRouteComponent(postPages, 'NewPostPage'))
const postRoute = sectionRoute('inlagg/$postId', lazyRouteComponent(postPages, 'PostPage'))
const inboxRoute = sectionRoute('inkorg', lazyRouteComponent(comingSoon, 'InboxPage'))
const statisticsRoute = sectionRoute('statistik', lazyRouteComponent(comingSoon, 'StatisticsPage'))
const strategyRoute = sectionRoute('strategi', lazyRouteComponent(comingSoon, 'StrategyPage'))
const channelsRoute = sectionRoute(
  'kanaler',
  lazyRouteComponent(() => import('./pages/channels/channels-page.js'), 'ChannelsPage'),
)
const membersRoute = sectionRoute(
  'medlemmar',
  lazyRouteComponent(() => import('./pages/members/members-page.js'), 'MembersPage'),
)
const settingsRoute = sectionRoute(
  'installningar',
  lazyRouteComponent(() => import('./pages/settings/settings-page.js'), 'SettingsPage'),
)

export const routeTree = rootRoute.addChildren([
  indexRoute,
  setupRoute,
  signInRoute,
  requestResetRoute,
  confirmResetRoute,
  invitationRoute,
  signedInRoute.addChildren([
    accountRoute,
    newLibraryRoute,
    libraryRoute.addChildren([
      libraryIndexRoute,
      planningRoute,
      newPostRoute,
      postRoute,
      inboxRoute,
      statisticsRoute,
      strategyRoute,
      channelsRoute,
      membersRoute,
      settingsRoute,
    ]),
  ]),
])

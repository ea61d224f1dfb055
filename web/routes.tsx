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
import { validateArchiveSearch, validateRequestSearch } from './pages/archive/archive-search.js'
import { validateInboxSearch } from './pages/inbox/inbox-search.js'
import { validatePlanningSearch } from './pages/planning/planning-search.js'

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
  // `code`: from the e-mailed link that proves a new member's address.
  validateSearch: (search: Record<string, unknown>): { code?: string } =>
    typeof search.code === 'string' ? { code: search.code } : {},
  component: lazyRouteComponent(
    () => import('./pages/invitation/invitation-page.js'),
    'InvitationPage',
  ),
})

const publicPolicyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/policy/$token',
  component: lazyRouteComponent(
    () => import('./pages/strategy/public-policy-page.js'),
    'PublicPolicyPage',
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
  validateSearch: validatePlanningSearch,
  component: lazyRouteComponent(() => import('./pages/planning/planning-page.js'), 'PlanningPage'),
})
const campaignsRoute = sectionRoute(
  'planering/kampanjer',
  lazyRouteComponent(() => import('./pages/campaigns/campaigns-page.js'), 'CampaignsPage'),
)
const newCampaignRoute = createRoute({
  getParentRoute: () => libraryRoute,
  path: 'planering/kampanjer/ny',
  // ?evenemang=<id>: a campaign built on one of the library's events, its start the peak.
  validateSearch: (search: Record<string, unknown>): { evenemang?: string } =>
    typeof search.evenemang === 'string' ? { evenemang: search.evenemang } : {},
  component: lazyRouteComponent(
    () => import('./pages/campaigns/new-campaign-page.js'),
    'NewCampaignPage',
  ),
})
const campaignRoute = sectionRoute(
  'planering/kampanjer/$campaignId',
  lazyRouteComponent(() => import('./pages/campaigns/campaign-page.js'), 'CampaignPage'),
)
const eventsRoute = sectionRoute(
  'planering/evenemang',
  lazyRouteComponent(() => import('./pages/events/events-page.js'), 'EventsPage'),
)
const recurringSlotsRoute = sectionRoute(
  'planering/veckans-postning',
  lazyRouteComponent(
    () => import('./pages/planning/recurring-slots-page.js'),
    'RecurringSlotsPage',
  ),
)
const postPages = () => import('./pages/posts/post-pages.js')
const newPostRoute = sectionRoute('inlagg/nytt', lazyRouteComponent(postPages, 'NewPostPage'))
const postRoute = sectionRoute('inlagg/$postId', lazyRouteComponent(postPages, 'PostPage'))
const inboxRoute = createRoute({
  getParentRoute: () => libraryRoute,
  path: 'inkorg',
  validateSearch: validateInboxSearch,
  component: lazyRouteComponent(() => import('./pages/inbox/inbox-page.js'), 'InboxPage'),
})
const ideasRoute = sectionRoute(
  'ideer',
  lazyRouteComponent(() => import('./pages/ideas/ideas-page.js'), 'IdeasPage'),
)
const statisticsRoute = sectionRoute(
  'statistik',
  lazyRouteComponent(() => import('./pages/statistics/statistics-page.js'), 'StatisticsPage'),
)
const ladderRoute = sectionRoute(
  'statistik/stegen',
  lazyRouteComponent(() => import('./pages/statistics/ladder-page.js'), 'LadderPage'),
)
const strategyRoute = sectionRoute(
  'strategi',
  lazyRouteComponent(() => import('./pages/strategy/policy-page.js'), 'PolicyPage'),
)
const strategyDraftRoute = sectionRoute(
  'strategi/utkast',
  lazyRouteComponent(() => import('./pages/strategy/builder-page.js'), 'StrategyBuilderPage'),
)
const strategyVersionsRoute = sectionRoute(
  'strategi/versioner',
  lazyRouteComponent(() => import('./pages/strategy/versions-page.js'), 'VersionsPage'),
)
const archivePages = () => import('./pages/archive/archive-pages.js')
const archiveRoute = createRoute({
  getParentRoute: () => libraryRoute,
  path: 'arkiv',
  validateSearch: validateArchiveSearch,
  component: lazyRouteComponent(archivePages, 'ArchivePage'),
})
const archiveEntryRoute = createRoute({
  getParentRoute: () => libraryRoute,
  path: 'arkiv/post/$entryId',
  validateSearch: validateRequestSearch,
  component: lazyRouteComponent(archivePages, 'ArchiveEntryPage'),
})
const archiveRequestsRoute = sectionRoute(
  'arkiv/utlamnanden',
  lazyRouteComponent(archivePages, 'ArchiveRequestsPage'),
)
const archiveRequestRoute = sectionRoute(
  'arkiv/utlamnanden/$requestId',
  lazyRouteComponent(archivePages, 'ArchiveRequestPage'),
)
const archiveWeedingRoute = sectionRoute(
  'arkiv/gallring',
  lazyRouteComponent(archivePages, 'ArchiveWeedingPage'),
)
const archiveReportRoute = sectionRoute(
  'arkiv/rapport',
  lazyRouteComponent(archivePages, 'ArchiveReportPage'),
)
const personalDataRoute = sectionRoute(
  'arkiv/personuppgifter',
  lazyRouteComponent(archivePages, 'PersonalDataPage'),
)
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
const reportSettingsRoute = sectionRoute(
  'installningar/rapporter',
  lazyRouteComponent(() => import('./pages/reports/report-settings-page.js'), 'ReportSettingsPage'),
)
const auditRoute = sectionRoute(
  'installningar/granskningslogg',
  lazyRouteComponent(() => import('./pages/audit/audit-page.js'), 'AuditPage'),
)
// Svarstider and the inbox's own settings belong to Inkorg (the first path segment marks it).
const responseTimesRoute = sectionRoute(
  'inkorg/svarstider',
  lazyRouteComponent(
    () => import('./pages/inbox-settings/response-times-page.js'),
    'ResponseTimesPage',
  ),
)
const inboxSettingsRoute = sectionRoute(
  'inkorg/installningar',
  lazyRouteComponent(
    () => import('./pages/inbox-settings/inbox-settings-page.js'),
    'InboxSettingsPage',
  ),
)

export const routeTree = rootRoute.addChildren([
  indexRoute,
  setupRoute,
  signInRoute,
  requestResetRoute,
  confirmResetRoute,
  invitationRoute,
  publicPolicyRoute,
  signedInRoute.addChildren([
    accountRoute,
    newLibraryRoute,
    libraryRoute.addChildren([
      libraryIndexRoute,
      planningRoute,
      campaignsRoute,
      newCampaignRoute,
      campaignRoute,
      eventsRoute,
      recurringSlotsRoute,
      newPostRoute,
      postRoute,
      inboxRoute,
      ideasRoute,
      statisticsRoute,
      ladderRoute,
      strategyRoute,
      strategyDraftRoute,
      strategyVersionsRoute,
      archiveRoute,
      archiveEntryRoute,
      archiveRequestsRoute,
      archiveRequestRoute,
      archiveWeedingRoute,
      archiveReportRoute,
      personalDataRoute,
      channelsRoute,
      membersRoute,
      settingsRoute,
      auditRoute,
      reportSettingsRoute,
      responseTimesRoute,
      inboxSettingsRoute,
    ]),
  ]),
])

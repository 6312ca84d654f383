// Providers (language, antd theme, queries) and the route table.
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import {
  Navigate,
  Outlet,
  RouterProvider,
  createBrowserRouter,
  useLocation,
  useNavigate,
} from 'react-router';
import { isApiError, setUnauthorizedHandler } from './api/client';
import { RequirePermission } from './auth/RequirePermission';
import { useMe } from './auth/me-context';
import { ErrorFallback } from './components/ErrorBoundary';
import { useLanguage } from './i18n/use-t';
import { homePath } from './layout/nav';
import LoginPage from './pages/LoginPage';
import './styles/app.css';

// The signed-in frame (menu, org tree, bell, antd's App) is not part of the login page's load.
const SignedInShell = lazy(() => import('./layout/SignedInShell'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const RosterPage = lazy(() => import('./pages/roster/RosterPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const StructureReportPage = lazy(() => import('./pages/elections/StructureReportPage'));
const StructureReportPrintPage = lazy(() => import('./pages/elections/StructureReportPrintPage'));
const LrmxImportPage = lazy(() => import('./pages/import/LrmxImportPage'));
const PersonPage = lazy(() => import('./pages/person/PersonPage'));
const PersonFormPage = lazy(() => import('./pages/person/PersonFormPage'));
const OrgPage = lazy(() => import('./pages/org/OrgPage'));
const OrgsIndexPage = lazy(() => import('./pages/org/OrgsIndexPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const AccountsPage = lazy(() => import('./pages/admin/AccountsPage'));
const GrantsPage = lazy(() => import('./pages/admin/GrantsPage'));
const SecurityPage = lazy(() => import('./pages/admin/SecurityPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const ActivatePage = lazy(() => import('./pages/ActivatePage'));
const WallPage = lazy(() => import('./pages/wall/WallPage'));
const DisplayTokensPage = lazy(() => import('./pages/admin/DisplayTokensPage'));
const PlatformSettingsPage = lazy(() => import('./pages/admin/PlatformSettingsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const MeetingsPage = lazy(() => import('./pages/meetings/MeetingsPage'));
const MeetingPage = lazy(() => import('./pages/meetings/MeetingPage'));
const MeetingFormPage = lazy(() => import('./pages/meetings/MeetingFormPage'));
const MatterBoardPage = lazy(() => import('./pages/matters/MatterBoardPage'));
const MatterPage = lazy(() => import('./pages/matters/MatterPage'));
const AssignOrderPage = lazy(() => import('./pages/matters/documents/AssignOrderPage'));
const IssuedDocumentsPage = lazy(() => import('./pages/matters/documents/IssuedDocumentsPage'));
const SupervisionOrderPage = lazy(() => import('./pages/matters/documents/SupervisionOrderPage'));
const MatterStatsPage = lazy(() => import('./pages/matters/stats/MatterStatsPage'));
const ElectionsPage = lazy(() => import('./pages/elections/ElectionsPage'));
const CampaignPage = lazy(() => import('./pages/elections/CampaignPage'));
const CampaignOrgPage = lazy(() => import('./pages/elections/CampaignOrgPage'));
const PipelinePage = lazy(() => import('./pages/pipeline/PipelinePage'));
const CandidatePage = lazy(() => import('./pages/pipeline/CandidatePage'));
const CohortPage = lazy(() => import('./pages/pipeline/CohortPage'));
const NoticePrintPage = lazy(() => import('./pages/pipeline/NoticePrintPage'));
const MyPipelinePage = lazy(() => import('./pages/pipeline/MyPipelinePage'));
const SuccessionPage = lazy(() => import('./pages/pipeline/SuccessionPage'));
const PipelineDashboardPage = lazy(() => import('./pages/pipeline/PipelineDashboardPage'));
const MyWorkPage = lazy(() => import('./pages/my-work/MyWorkPage'));
const NotificationsPage = lazy(() => import('./pages/matters/notifications/NotificationsPage'));
const TwoFactorPage = lazy(() => import('./pages/security/TwoFactorPage'));
const SecurityPolicyPage = lazy(() => import('./pages/security/SecurityPolicyPage'));
const SecurityAlertsPage = lazy(() => import('./pages/security/SecurityAlertsPage'));
const PolicyPage = lazy(() => import('./pages/policy/PolicyPage'));
const TrainingCalendarPage = lazy(() => import('./pages/training/TrainingCalendarPage'));
const TrainingSessionPage = lazy(() => import('./pages/training/TrainingSessionPage'));
const TrainingHoursPage = lazy(() => import('./pages/training/TrainingHoursPage'));
const UniversityClassPage = lazy(() => import('./pages/training/UniversityClassPage'));
const UniversityCohortPage = lazy(() => import('./pages/training/UniversityCohortPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again (and a 404 must show at once).
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** Sends the user to the login page when any API call answers 401 (e.g. the session expired). */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/login') return;
      const next = window.location.pathname + window.location.search;
      client.clear();
      void navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, client, location.key]);
  return <Outlet />;
}

function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me)} replace />;
}

function guarded(permission: string | readonly string[], page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

const router = createBrowserRouter([
  {
    element: <UnauthorizedRedirect />,
    errorElement: <ErrorFallback />,
    children: [
      { path: '/login', element: <LoginPage /> },
      // The wall screen stands outside the signed-in shell: a display token opens it without an account.
      {
        path: '/wall',
        element: (
          <Suspense fallback={null}>
            <WallPage />
          </Suspense>
        ),
      },
      {
        path: '/activate',
        element: (
          <Suspense fallback={null}>
            <ActivatePage />
          </Suspense>
        ),
      },
      {
        path: '/',
        element: (
          <Suspense fallback={<div className="xh-boot" aria-busy="true" />}>
            <SignedInShell />
          </Suspense>
        ),
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'dashboard', element: guarded('stats:read', <DashboardPage />) },
          { path: 'roster', element: guarded('roster:read', <RosterPage />) },
          { path: 'import', element: guarded('roster:import', <ImportPage />) },
          { path: 'elections/structure-report', element: guarded('roster:read', <StructureReportPage />) },
          {
            path: 'elections/structure-report/print',
            element: guarded('roster:read', <StructureReportPrintPage />),
          },
          { path: 'import-lrmx', element: guarded('roster:import', <LrmxImportPage />) },
          { path: 'people/new', element: guarded('roster:write', <PersonFormPage />) },
          { path: 'people/:id', element: guarded('roster:read', <PersonPage />) },
          { path: 'people/:id/edit', element: guarded('roster:write', <PersonFormPage />) },
          { path: 'elections', element: guarded('election:read', <ElectionsPage />) },
          { path: 'elections/:id', element: guarded('election:read', <CampaignPage />) },
          { path: 'elections/:id/orgs/:orgId', element: guarded('election:read', <CampaignOrgPage />) },
          { path: 'pipeline', element: guarded('pipeline:read', <PipelinePage />) },
          { path: 'pipeline/me', element: guarded('pipeline:self', <MyPipelinePage />) },
          { path: 'pipeline/succession', element: guarded('pipeline:read', <SuccessionPage />) },
          { path: 'pipeline/dashboard', element: guarded('pipeline:read', <PipelineDashboardPage />) },
          { path: 'pipeline/candidates/:id', element: guarded('pipeline:read', <CandidatePage />) },
          { path: 'pipeline/cohorts/:id', element: guarded('pipeline:read', <CohortPage />) },
          { path: 'pipeline/candidates/:id/notice', element: guarded('pipeline:read', <NoticePrintPage />) },
          { path: 'orgs', element: guarded('org:read', <OrgsIndexPage />) },
          { path: 'orgs/:id', element: guarded('org:read', <OrgPage />) },
          { path: 'audit', element: guarded('audit:read', <AuditPage />) },
          { path: 'policy', element: guarded('policy:manage', <PolicyPage />) },
          { path: 'admin/accounts', element: guarded('users:manage', <AccountsPage />) },
          { path: 'admin/displays', element: guarded('users:manage', <DisplayTokensPage />) },
          { path: 'admin/settings', element: guarded('settings:manage', <PlatformSettingsPage />) },
          { path: 'admin/grants', element: guarded(['users:manage', 'security:manage'], <GrantsPage />) },
          { path: 'admin/security', element: guarded('security:manage', <SecurityPage />) },
          { path: 'meetings', element: guarded('meetings:read', <MeetingsPage />) },
          { path: 'meetings/new', element: guarded('meetings:write', <MeetingFormPage />) },
          { path: 'meetings/:id', element: guarded('meetings:read', <MeetingPage />) },
          { path: 'meetings/:id/edit', element: guarded('meetings:write', <MeetingFormPage />) },
          { path: 'matters', element: guarded('matters:read', <MatterBoardPage />) },
          { path: 'matters/:id', element: guarded('matters:read', <MatterPage />) },
          { path: 'matters/:id/assign-order', element: guarded('matters:read', <AssignOrderPage />) },
          { path: 'documents', element: guarded('matters:read', <IssuedDocumentsPage />) },
          { path: 'supervisions/:id/order', element: guarded('matters:read', <SupervisionOrderPage />) },
          { path: 'matter-stats', element: guarded('matters:stats', <MatterStatsPage />) },
          { path: 'my-work', element: guarded('matters:read', <MyWorkPage />) },
          { path: 'notifications', element: guarded('matters:read', <NotificationsPage />) },
          { path: 'training', element: guarded('training:read', <TrainingCalendarPage />) },
          { path: 'training/sessions/:id', element: guarded('training:read', <TrainingSessionPage />) },
          { path: 'training/hours', element: guarded('training:read', <TrainingHoursPage />) },
          { path: 'training/class', element: guarded('training:read', <UniversityClassPage />) },
          { path: 'training/class/:id', element: guarded('training:read', <UniversityCohortPage />) },
          { path: 'password', element: <ChangePasswordPage /> },
          { path: 'security/two-factor', element: <TwoFactorPage /> },
          { path: 'security/policy', element: guarded('security:manage', <SecurityPolicyPage />) },
          { path: 'security/alerts', element: guarded('security:manage', <SecurityAlertsPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

function LocalizedShell({ children }: { children: ReactNode }) {
  const language = useLanguage();
  useEffect(() => {
    // The tab's title is set by the login page and the signed-in frame (`useBrandTitle`): the platform's name.
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#c62f2f',
          colorLink: '#b2282a',
          borderRadius: 6,
          // Text at least 4.5:1 on white (WCAG AA): antd's secondary, tertiary and placeholder greys
          // (#8c8c8c, #bfbfbf) are darkened, and the error red that badges and messages use.
          colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          colorError: '#cf1322',
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedShell>
        <RouterProvider router={router} />
      </LocalizedShell>
    </QueryClientProvider>
  );
}

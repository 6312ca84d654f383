// The signed-in frame: header (product, user, language, sign-out), menu, org tree, and the page.
// On a phone (below 768 px) the menu and the org tree fold into a drawer opened from the header, so the
// page takes the full width and the bell, language and sign-out stay in reach.
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  CommentOutlined,
  ControlOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSyncOutlined,
  FileTextOutlined,
  FireOutlined,
  FlagOutlined,
  FundOutlined,
  ImportOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProjectOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Layout, Menu, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { authApi } from '../api/endpoints';
import { hasPermission, useMe } from '../auth/me-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { GlobalSearch } from '../components/GlobalSearch';
import { useLanguage, useT } from '../i18n/use-t';
import { labels } from '../lib/labels';
import { useIsPhone } from '../lib/use-is-phone';
import { NotificationBell } from '../pages/matters/notifications/NotificationBell';
import { MyWorkCount } from '../features/my-work/MyWorkCount';
import { useBrand, useBrandTitle } from '../features/settings/use-settings';
import { CurrentOrgProvider, useCurrentOrg, type CurrentOrg } from './current-org';
import { navKeyOf, visibleNav, type NavEntry } from './nav';
import { LoadWhenVisible } from '../components/LoadWhenVisible';
import './layout.css';

// The org tree sits under the menu, below the first screen: fetched when scrolled near.
const OrgTree = lazy(() => import('./OrgTree').then((m) => ({ default: m.OrgTree })));

const NAV_ICONS: Record<NavEntry['key'], ReactNode> = {
  myWork: <CheckSquareOutlined />,
  dashboard: <DashboardOutlined />,
  matters: <ProjectOutlined />,
  documents: <FileTextOutlined />,
  meetings: <CommentOutlined />,
  training: <ReadOutlined />,
  trainingHours: <ClockCircleOutlined />,
  trainingClass: <BookOutlined />,
  matterStats: <BarChartOutlined />,
  wall: <FundOutlined />,
  displays: <DesktopOutlined />,
  roster: <TeamOutlined />,
  import: <ImportOutlined />,
  elections: <FlagOutlined />,
  structureReport: <FundOutlined />,
  lrmx: <FileSyncOutlined />,
  pipeline: <FireOutlined />,
  myPipeline: <ReadOutlined />,
  orgs: <ApartmentOutlined />,
  policy: <ControlOutlined />,
  audit: <AuditOutlined />,
  securityPolicy: <SafetyCertificateOutlined />,
  securityAlerts: <AlertOutlined />,
  accounts: <UserOutlined />,
  grants: <SafetyOutlined />,
  securityConsole: <LockOutlined />,
  platformSettings: <SettingOutlined />,
};

function UserBadge() {
  const lang = useLanguage();
  const me = useMe();
  return (
    <span
      className="xh-user-badge"
      title={[me.displayName, ...me.roles.map((role) => labels.role(role, lang))].join(' · ')}
      data-testid="current-user"
    >
      <Typography.Text className="xh-header-text" strong>
        {me.displayName}
      </Typography.Text>{' '}
      {me.roles.map((role) => (
        <Tag key={role} color="gold" variant="filled">
          {labels.role(role, lang)}
        </Tag>
      ))}
    </span>
  );
}

function Header({ onOpenMenu }: { onOpenMenu?: () => void }) {
  const t = useT();
  const me = useMe();
  const brand = useBrand();
  useBrandTitle();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const logout = async () => {
    try {
      await authApi.logout();
    } finally {
      queryClient.clear();
      void navigate('/login', { replace: true });
    }
  };

  return (
    <Layout.Header className="xh-header">
      {onOpenMenu && (
        <Button
          type="text"
          className="xh-menu-button"
          icon={<MenuOutlined />}
          aria-label={t('header.menu')}
          onClick={onOpenMenu}
          data-testid="menu-open"
        />
      )}
      <Link to="/" className="xh-brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span className="xh-brand-name" data-testid="brand-name">
          {brand?.name ?? t('app.name')}
        </span>
        <span className="xh-brand-sep">·</span>
        <span className="xh-brand-subtitle">{t('app.subtitle')}</span>
      </Link>
      <Space size={isPhone ? 'small' : 'middle'} className="xh-header-right">
        <GlobalSearch />
        {!isPhone && <UserBadge />}
        {hasPermission(me, 'matters:read') && <NotificationBell />}
        <LanguageSwitch />
        <Tooltip title={t('header.twoFactor')}>
          <Link to="/security/two-factor" aria-label={t('header.twoFactor')} className="xh-header-text">
            <SafetyOutlined />
          </Link>
        </Tooltip>
        <Tooltip title={t('header.changePassword')}>
          <Link to="/password" aria-label={t('header.changePassword')} className="xh-header-text">
            <KeyOutlined />
          </Link>
        </Tooltip>
        <Button
          size="small"
          icon={<LogoutOutlined />}
          onClick={() => void logout()}
          aria-label={t('header.logout')}
          data-testid="logout"
        >
          {isPhone ? null : t('header.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}

/** Pages whose list follows the org picked in the tree (as ?orgId=). */
const ORG_FILTERED_PAGES = ['/dashboard', '/roster', '/matters', '/meetings', '/matter-stats'];

/** The menu and the org tree: in the side panel on a desk, in the drawer on a phone. */
function Navigation({ showTree, onNavigate }: { showTree: boolean; onNavigate?: () => void }) {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const { currentOrg, setCurrentOrg } = useCurrentOrg();
  const canSeeTree = hasPermission(me, 'org:read');

  const pickOrg = (org: CurrentOrg) => {
    setCurrentOrg(org);
    onNavigate?.();
    const path = location.pathname;
    if (ORG_FILTERED_PAGES.includes(path)) {
      const params = new URLSearchParams(location.search);
      params.set('orgId', org.id);
      params.delete('page');
      void navigate({ pathname: path, search: params.toString() });
    } else if (path.startsWith('/orgs')) {
      void navigate(`/orgs/${encodeURIComponent(org.id)}`);
    } else if (hasPermission(me, 'stats:read')) {
      void navigate(`/dashboard?orgId=${encodeURIComponent(org.id)}`);
    } else if (hasPermission(me, 'roster:read')) {
      void navigate(`/roster?orgId=${encodeURIComponent(org.id)}`);
    } else {
      void navigate(`/orgs/${encodeURIComponent(org.id)}`);
    }
  };

  const selected = navKeyOf(location.pathname);
  return (
    <>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        onClick={onNavigate}
        items={visibleNav(me).map((entry) => ({
          key: entry.key,
          icon: NAV_ICONS[entry.key],
          label: (
            <Link to={entry.path}>
              {t(entry.label)}
              {entry.key === 'myWork' && <MyWorkCount />}
            </Link>
          ),
        }))}
      />
      {canSeeTree && showTree && (
        <div className="xh-tree-panel">
          <Typography.Text type="secondary" className="xh-tree-title">
            {t('orgTree.title')}
          </Typography.Text>
          <LoadWhenVisible minHeight={200}>
            <OrgTree selectedId={currentOrg?.id ?? null} onPick={pickOrg} />
          </LoadWhenVisible>
        </div>
      )}
    </>
  );
}

function Sider() {
  const t = useT();
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout.Sider
      width={260}
      theme="light"
      collapsible
      collapsed={collapsed}
      onCollapse={setCollapsed}
      className="xh-sider"
      aria-label={collapsed ? t('orgTree.expand') : t('orgTree.collapse')}
    >
      <Navigation showTree={!collapsed} />
    </Layout.Sider>
  );
}

function NavDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={300}
      title={<UserBadge />}
      className="xh-nav-drawer"
      styles={{ body: { padding: 0 } }}
      data-testid="nav-drawer"
    >
      <Navigation showTree onNavigate={onClose} />
    </Drawer>
  );
}

export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const firstRoot = me.scopeOrgs[0];
  const isPhone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <CurrentOrgProvider initial={firstRoot ? { id: firstRoot.id, name: firstRoot.name } : null}>
      <Layout className="xh-app">
        <Header onOpenMenu={isPhone ? () => setDrawerOpen(true) : undefined} />
        <Layout>
          {isPhone ? <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} /> : <Sider />}
          <Layout.Content className="xh-content">
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<Spin size="large" className="xh-page-spin" />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </Layout.Content>
        </Layout>
      </Layout>
    </CurrentOrgProvider>
  );
}

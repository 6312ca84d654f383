// The signed-in frame: header (product, user, language, sign-out), menu, org tree, and the page.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileSyncOutlined,
  ImportOutlined,
  KeyOutlined,
  LogoutOutlined,
  ProjectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { authApi } from '../api/endpoints';
import { hasPermission, useMe } from '../auth/me-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLanguage, useT } from '../i18n/use-t';
import { labels } from '../lib/labels';
import { NotificationBell } from '../pages/matters/notifications/NotificationBell';
import { CurrentOrgProvider, useCurrentOrg, type CurrentOrg } from './current-org';
import { navKeyOf, visibleNav, type NavEntry } from './nav';
import { OrgTree } from './OrgTree';
import './layout.css';

const NAV_ICONS: Record<NavEntry['key'], ReactNode> = {
  dashboard: <DashboardOutlined />,
  matters: <ProjectOutlined />,
  meetings: <CommentOutlined />,
  matterStats: <BarChartOutlined />,
  roster: <TeamOutlined />,
  import: <ImportOutlined />,
  lrmx: <FileSyncOutlined />,
  orgs: <ApartmentOutlined />,
  audit: <AuditOutlined />,
};

function Header() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
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
      <Link to="/" className="xh-brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span className="xh-brand-name">{t('app.name')}</span>
        <span className="xh-brand-sep">·</span>
        <span className="xh-brand-subtitle">{t('app.subtitle')}</span>
      </Link>
      <Space size="middle" className="xh-header-right">
        <span data-testid="current-user">
          <Typography.Text className="xh-header-text" strong>
            {me.displayName}
          </Typography.Text>{' '}
          {me.roles.map((role) => (
            <Tag key={role} color="gold" variant="filled">
              {labels.role(role, lang)}
            </Tag>
          ))}
        </span>
        {hasPermission(me, 'matters:read') && <NotificationBell />}
        <LanguageSwitch />
        <Tooltip title={t('header.changePassword')}>
          <Link to="/password" aria-label={t('header.changePassword')} className="xh-header-text">
            <KeyOutlined />
          </Link>
        </Tooltip>
        <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
          {t('header.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}

/** Pages whose list follows the org picked in the tree (as ?orgId=). */
const ORG_FILTERED_PAGES = ['/dashboard', '/roster', '/matters', '/meetings', '/matter-stats'];

function Sider() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const { currentOrg, setCurrentOrg } = useCurrentOrg();
  const [collapsed, setCollapsed] = useState(false);
  const canSeeTree = hasPermission(me, 'org:read');

  const pickOrg = (org: CurrentOrg) => {
    setCurrentOrg(org);
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
    <Layout.Sider
      width={260}
      theme="light"
      collapsible
      collapsed={collapsed}
      onCollapse={setCollapsed}
      className="xh-sider"
      aria-label={collapsed ? t('orgTree.expand') : t('orgTree.collapse')}
    >
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        items={visibleNav(me).map((entry) => ({
          key: entry.key,
          icon: NAV_ICONS[entry.key],
          label: <Link to={entry.path}>{t(entry.label)}</Link>,
        }))}
      />
      {canSeeTree && !collapsed && (
        <div className="xh-tree-panel">
          <Typography.Text type="secondary" className="xh-tree-title">
            {t('orgTree.title')}
          </Typography.Text>
          <OrgTree selectedId={currentOrg?.id ?? null} onPick={pickOrg} />
        </div>
      )}
    </Layout.Sider>
  );
}

export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const firstRoot = me.scopeOrgs[0];
  return (
    <CurrentOrgProvider initial={firstRoot ? { id: firstRoot.id, name: firstRoot.name } : null}>
      <Layout className="xh-app">
        <Header />
        <Layout>
          <Sider />
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

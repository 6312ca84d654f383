import type { Me } from '@xinhuo/shared';
import type { MessageKey } from '../i18n/use-t';

export interface NavEntry {
  key:
    | 'myWork'
    | 'dashboard'
    | 'matters'
    | 'documents'
    | 'meetings'
    | 'training'
    | 'trainingHours'
    | 'trainingClass'
    | 'matterStats'
    | 'wall'
    | 'displays'
    | 'roster'
    | 'import'
    | 'lrmx'
    | 'elections'
    | 'structureReport'
    | 'pipeline'
    | 'myPipeline'
    | 'orgs'
    | 'policy'
    | 'audit'
    | 'securityPolicy'
    | 'securityAlerts'
    | 'accounts'
    | 'grants'
    | 'securityConsole'
    | 'platformSettings';
  path: string;
  /** The permission it needs, or a list of which any one will do. */
  permission: string | readonly string[];
  label: MessageKey;
}

/** The permissions of a role that acts in the matter loop: its users land on My work (我的待办). */
export const ACTING_PERMISSIONS = ['matters:dispatch', 'matters:handle', 'matters:verify', 'matters:rate'];

/** Menu entries in order; each shows only with its permission. */
const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'myWork', path: '/my-work', permission: ACTING_PERMISSIONS, label: 'nav.myWork' },
  { key: 'dashboard', path: '/dashboard', permission: 'stats:read', label: 'nav.dashboard' },
  { key: 'matters', path: '/matters', permission: 'matters:read', label: 'nav.matters' },
  { key: 'documents', path: '/documents', permission: 'matters:read', label: 'nav.documents' },
  { key: 'meetings', path: '/meetings', permission: 'meetings:read', label: 'nav.meetings' },
  { key: 'training', path: '/training', permission: 'training:read', label: 'nav.training' },
  { key: 'trainingHours', path: '/training/hours', permission: 'training:read', label: 'nav.trainingHours' },
  { key: 'trainingClass', path: '/training/class', permission: 'training:read', label: 'nav.trainingClass' },
  { key: 'matterStats', path: '/matter-stats', permission: 'matters:stats', label: 'nav.matterStats' },
  { key: 'wall', path: '/wall', permission: 'wall:view', label: 'nav.wall' },
  { key: 'roster', path: '/roster', permission: 'roster:read', label: 'nav.roster' },
  { key: 'import', path: '/import', permission: 'roster:import', label: 'nav.import' },
  { key: 'lrmx', path: '/import-lrmx', permission: 'roster:import', label: 'nav.lrmx' },
  { key: 'elections', path: '/elections', permission: 'election:read', label: 'nav.elections' },
  {
    key: 'structureReport',
    path: '/elections/structure-report',
    permission: 'roster:read',
    label: 'nav.structureReport',
  },
  { key: 'pipeline', path: '/pipeline', permission: 'pipeline:read', label: 'nav.pipeline' },
  { key: 'myPipeline', path: '/pipeline/me', permission: 'pipeline:self', label: 'nav.myPipeline' },
  { key: 'orgs', path: '/orgs', permission: 'org:read', label: 'nav.orgs' },
  { key: 'policy', path: '/policy', permission: 'policy:manage', label: 'nav.policy' },
  { key: 'audit', path: '/audit', permission: 'audit:read', label: 'nav.audit' },
  // 三员分立: the system administrator keeps accounts, the security administrator decides and secures.
  { key: 'accounts', path: '/admin/accounts', permission: 'users:manage', label: 'nav.accounts' },
  { key: 'displays', path: '/admin/displays', permission: 'users:manage', label: 'nav.displays' },
  {
    key: 'platformSettings',
    path: '/admin/settings',
    permission: 'settings:manage',
    label: 'nav.platformSettings',
  },
  {
    key: 'grants',
    path: '/admin/grants',
    permission: ['users:manage', 'security:manage'],
    label: 'nav.grants',
  },
  {
    key: 'securityConsole',
    path: '/admin/security',
    permission: 'security:manage',
    label: 'nav.securityConsole',
  },
  {
    key: 'securityPolicy',
    path: '/security/policy',
    permission: 'security:manage',
    label: 'nav.securityPolicy',
  },
  {
    key: 'securityAlerts',
    path: '/security/alerts',
    permission: 'security:manage',
    label: 'nav.securityAlerts',
  },
];

export function visibleNav(me: Me): NavEntry[] {
  return NAV_ENTRIES.filter((entry) =>
    typeof entry.permission === 'string'
      ? me.permissions.includes(entry.permission)
      : entry.permission.some((p) => me.permissions.includes(p)),
  );
}

/** Where "/" leads (and so the landing page after login): the first page the user may open — My work for a role that acts. */
export function homePath(me: Me): string {
  return visibleNav(me)[0]?.path ?? '/password';
}

/** The menu entry a path belongs to (a person page belongs to the roster, a 督办单 to the matters). */
export function navKeyOf(pathname: string): NavEntry['key'] | undefined {
  if (pathname.startsWith('/people')) return 'roster';
  if (pathname.startsWith('/supervisions/')) return 'matters';
  // The longest matching path wins: /elections/structure-report is its own entry, not the campaigns'.
  return NAV_ENTRIES.filter((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0]?.key;
}

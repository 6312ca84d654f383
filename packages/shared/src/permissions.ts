/** Roles and their permissions. Deny by default: a permission not listed is not held. No wildcard exists. */
export const ROLES = [
  'city_admin',
  'town_staff',
  'village_secretary',
  'dept_handler',
  'leader',
  'sys_admin',
  'sec_admin',
  'audit_admin',
  // 薪火计划 trainee: sees only their own pipeline record, plan and hours.
  'trainee',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org:read',
  'org:write',
  'roster:read',
  'roster:write',
  'roster:export',
  'roster:import',
  'election:read',
  'election:write',
  'pii:reveal',
  'stats:read',
  'audit:read',
  'users:manage',
  'security:manage',
  'accounts:request',
  'meetings:read',
  'meetings:write',
  'training:read',
  'training:write',
  'matters:read',
  'matters:raise',
  'matters:dispatch',
  'matters:handle',
  'matters:verify',
  'matters:rate',
  'matters:stats',
  'matters:configure',
  'calendar:manage',
  'notify:manage',
  // The city's policy pages: versioned policy with effective dates (the loop's tiers and thresholds).
  'policy:manage',
  // 薪火计划: read the pipeline (scoped), nominate people in scope, run vetting/notice/selection/placement
  // and the programs (the city), override a failed eligibility check, and a trainee's own record.
  'pipeline:read',
  'pipeline:nominate',
  'pipeline:manage',
  'pipeline:override',
  'pipeline:self',
  // The wall screen (大屏驾驶舱): aggregates only; held by the display token and by roles that read statistics.
  'wall:view',
  // Platform settings that are not security policy (names, default language and page size, the wall's
  // timing, the digest hour, the support line): the system administrator's alone.
  'settings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MEETINGS_READ_WRITE: readonly Permission[] = ['meetings:read', 'meetings:write'];
/** Training (C6): programs, sessions, enrollment, sign-in, hours; and the university class. */
const TRAINING_READ_WRITE: readonly Permission[] = ['training:read', 'training:write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  city_admin: [
    'org:read',
    'org:write',
    'roster:read',
    'roster:write',
    'roster:export',
    'roster:import',
    // The term election campaign (换届) is run by those who keep the roster.
    'election:read',
    'election:write',
    'pii:reveal',
    'stats:read',
    // Meetings and matters: dispatches, verifies and supervises everything; sets the loop's policy tables.
    ...MEETINGS_READ_WRITE,
    ...TRAINING_READ_WRITE,
    'matters:read',
    'matters:raise',
    'matters:dispatch',
    'matters:verify',
    'matters:stats',
    'matters:configure',
    'calendar:manage',
    'notify:manage',
    'policy:manage',
    // 薪火计划: runs vetting, notice, selection and placement; may override an eligibility check.
    'pipeline:read',
    'pipeline:nominate',
    'pipeline:manage',
    'pipeline:override',
    'wall:view',
    // Requests business accounts for its towns and departments; the system administrator executes them.
    'accounts:request',
  ],
  town_staff: [
    'org:read',
    'roster:read',
    'roster:write',
    'roster:export',
    'roster:import',
    // The term election campaign (换届) is run by those who keep the roster.
    'election:read',
    'election:write',
    'pii:reveal',
    'stats:read',
    // Within the town: enters matters on behalf, dispatches and verifies them, and handles those given to the town.
    ...MEETINGS_READ_WRITE,
    ...TRAINING_READ_WRITE,
    'matters:read',
    'matters:raise',
    'matters:dispatch',
    'matters:verify',
    'matters:handle',
    'matters:stats',
    // 薪火计划: sees and nominates the people of its own subtree (a town, or an organ's own cadres).
    'pipeline:read',
    'pipeline:nominate',
    'wall:view',
  ],
  // Raises matters for the own village and rates how they were solved.
  village_secretary: [
    'org:read',
    'roster:read',
    'stats:read',
    'meetings:read',
    'training:read',
    'matters:read',
    'matters:raise',
    'matters:rate',
  ],
  // Signs for, handles and answers the matters assigned to its unit.
  dept_handler: ['org:read', 'meetings:read', 'matters:read', 'matters:handle'],
  leader: [
    'org:read',
    'roster:read',
    'roster:export',
    'stats:read',
    'meetings:read',
    'training:read',
    'matters:read',
    'matters:stats',
    'pipeline:read',
    'wall:view',
  ],
  sys_admin: ['users:manage', 'settings:manage'],
  sec_admin: ['security:manage'],
  audit_admin: ['audit:read'],
  trainee: ['pipeline:self'],
};

/** The three separated administrators (三员分立): each is held alone, by an account with no org scope. */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];

export function isSeparatedAdminRole(role: string): boolean {
  return (SEPARATED_ADMIN_ROLES as readonly string[]).includes(role);
}

/**
 * Roles the city organization department may request for its own staff (accounts:request). It never
 * requests its own role or a separated administrator: those come only from the system administrator,
 * approved by the security administrator.
 */
export const REQUESTABLE_BY_CITY: readonly Role[] = [
  'town_staff',
  'village_secretary',
  'dept_handler',
  'leader',
];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  city_admin: { zh: '市委组织部管理员', en: 'City organization department' },
  town_staff: { zh: '镇（街道）组织干事', en: 'Town organization staff' },
  village_secretary: { zh: '村（社区）党组织书记', en: 'Village party secretary' },
  dept_handler: { zh: '承办单位经办人', en: 'Department handler' },
  leader: { zh: '领导（只读）', en: 'Leader (read-only)' },
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  sec_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
  trainee: { zh: '薪火计划学员', en: 'Pipeline trainee' },
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) set.add(p);
  return [...set].sort();
}

/**
 * True when a separated administrator role is combined with ANY other role (another administrator role or a
 * business role): under 三员分立 each administrator account holds exactly one role. The database enforces
 * the same rule with triggers on user_roles.
 */
export function violatesRoleSeparation(roles: readonly Role[]): boolean {
  const distinct = new Set(roles);
  return distinct.size > 1 && [...distinct].some(isSeparatedAdminRole);
}

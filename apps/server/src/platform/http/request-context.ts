import type { FastifyRequest } from 'fastify';
import type { Lang, Permission, Role } from '@xinhuo/shared';
import type { AuditActor } from '../audit/audit';

/** The signed-in user as every handler sees it; scope is a set of org subtrees (materialized paths). */
export interface RequestUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  scopePaths: string[];
  sessionHash: string;
  mustChangePassword: boolean;
  /** The security policy requires a second factor of this account and it has not enrolled one yet. */
  mustEnrollTotp: boolean;
  /**
   * Every data version as read when the session was resolved (one statement, before the session's
   * rows): a reading request keys its cached answers with these instead of reading each again
   * (platform/db/data-version.ts `versionFor`).
   */
  dataVersions?: Readonly<Record<string, number>>;
  /**
   * A wall-screen display token (大屏), not an account's session: it holds `wall:view` only, no role, and
   * the access hook lets it through on permission rules alone (never on `authenticated` ones).
   */
  display?: true;
}

/**
 * Every route declares who may call it; a route without a rule fails at startup. An account that must
 * change its password (CLI bootstrap) is refused on every non-public route unless the route opts in with
 * `duringPasswordChange` — only what the change itself needs (me, password, logout). An account that
 * must enrol a second factor (security policy) reaches those and the enrolment routes, which opt in with
 * `duringTotpEnrolment`.
 */
export type AccessRule =
  | { public: true }
  | { authenticated: true; duringPasswordChange?: true }
  | { authenticated: true; duringTotpEnrolment: true }
  | { permission: Permission }
  | { anyPermission: readonly [Permission, ...Permission[]] };

/** One registered route and its rule, collected at startup (tests walk the inventory). */
export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
  /** Which parts of the request the route validates, and the status codes whose answers it serializes. */
  schema: { params: boolean; querystring: boolean; body: boolean; responses: string[] };
  /** The body is a file's raw bytes (application/octet-stream), checked by content instead of a schema. */
  rawUpload: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** Set by the raw-file upload routes (their body is bytes, not JSON). */
    rawUpload?: true;
  }
  interface FastifyInstance {
    routeInventory: RouteAccess[];
  }
  interface FastifyRequest {
    user: RequestUser | null;
    lang: Lang;
  }
}

export function langOf(req: FastifyRequest): Lang {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && /^en\b/i.test(h.trim()) ? 'en' : 'zh-CN';
}

/** The audit actor of a request (anonymous when nobody is signed in). */
export function actorOf(req: FastifyRequest): AuditActor {
  return {
    userId: req.user?.id ?? null,
    username: req.user?.username ?? null,
    role: req.user?.display ? 'display' : (req.user?.roles.join(',') ?? null),
    ip: req.ip,
    requestId: req.id,
    sessionHash: req.user?.sessionHash ?? null,
  };
}

/** The signed-in user; routes with a permission rule only run with one, so this never throws there. */
export function userOf(req: FastifyRequest): RequestUser {
  if (!req.user) throw new Error('userOf called on an anonymous request');
  return req.user;
}

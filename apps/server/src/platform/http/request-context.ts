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
}

/** Every route declares who may call it; a route without a rule fails at startup. */
export type AccessRule = { public: true } | { authenticated: true } | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
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
    role: req.user?.roles.join(',') ?? null,
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

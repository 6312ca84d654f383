import type { FastifyRequest } from 'fastify';
import type { Permission } from '@xinhuo/shared';
import { SYSTEM_ACTOR, type AuditActor } from './audit/audit';
import { actorOf } from './http/request-context';

/** Who is calling a service: the subtrees they may touch, what they may do, and how to audit them. */
export interface Caller {
  userId: string | null;
  scopePaths: string[];
  permissions: readonly Permission[] | 'system';
  actor: AuditActor;
  /**
   * The data versions read at the start of a reading (GET) request, with its session: the keys of its
   * cached answers (`versionFor`). Absent otherwise: a request that writes reads each version when it
   * needs it, after its own writes.
   */
  dataVersions?: Readonly<Record<string, number>>;
}

/** The platform itself (demo builder, CLI): whole tree, audited as "system". */
export const SYSTEM_CALLER: Caller = {
  userId: null,
  scopePaths: ['/'],
  permissions: 'system',
  actor: SYSTEM_ACTOR,
};

export function callerOf(req: FastifyRequest): Caller {
  const u = req.user;
  return {
    userId: u?.id ?? null,
    scopePaths: u?.scopePaths ?? [],
    permissions: u?.permissions ?? [],
    actor: actorOf(req),
    ...(u?.dataVersions && (req.method === 'GET' || req.method === 'HEAD')
      ? { dataVersions: u.dataVersions }
      : {}),
  };
}

export function can(caller: Caller, p: Permission): boolean {
  return caller.permissions === 'system' || caller.permissions.includes(p);
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listSecurityAlertsQuery,
  resetTotpByNameBody,
  securityAlertListSchema,
  securityPolicyStateSchema,
  updateSecurityPolicyBody,
} from '@xinhuo/shared';
import { actorOf } from '../../platform/http/request-context';
import { pageOf } from '../../platform/http/schemas';
import type { AuthService } from './auth.service';
import { normalizeUsername } from './passwords';
import type { SecurityAlertService } from './security-alerts.service';

/** The security administrator's console: the policy, the denial-burst alerts, resetting a second factor. */
export function securityRoutes(auth: AuthService, alerts: SecurityAlertService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/security/totp-reset', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['security'], body: resetTotpByNameBody, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await auth.secondFactor.resetByName(actorOf(req), normalizeUsername(req.body.username));
        return reply.status(204).send(null);
      },
    });

    app.get('/api/security/policy', {
      config: { access: { permission: 'security:manage' } },
      schema: { tags: ['security'], response: { 200: securityPolicyStateSchema } },
      handler: async () => auth.policy.state(),
    });

    app.put('/api/security/policy', {
      config: { access: { permission: 'security:manage' } },
      schema: {
        tags: ['security'],
        body: updateSecurityPolicyBody,
        response: { 200: securityPolicyStateSchema },
      },
      handler: async (req) => auth.policy.update(actorOf(req), req.body),
    });

    app.get('/api/security/alerts', {
      config: { access: { permission: 'security:manage' } },
      schema: {
        tags: ['security'],
        querystring: listSecurityAlertsQuery,
        response: { 200: securityAlertListSchema },
      },
      handler: async (req) => alerts.list(pageOf(req.query)),
    });
  };
}

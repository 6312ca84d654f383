import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  loginSettingsSchema,
  platformSettingsStateSchema,
  publicSettingsSchema,
  updatePlatformSettingsBody,
} from '@xinhuo/shared';
import { actorOf } from '../../platform/http/request-context';
import type { SettingsService } from './settings.service';

/**
 * Platform settings (系统设置): the system administrator reads and saves them all; every signed-in user
 * reads the presentation subset; the login page reads the names and the support line without a session.
 */
export function settingsRoutes(settings: SettingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/settings', {
      config: { access: { permission: 'settings:manage' } },
      schema: { tags: ['settings'], response: { 200: platformSettingsStateSchema } },
      handler: async () => settings.get(),
    });

    app.put('/api/settings', {
      config: { access: { permission: 'settings:manage' } },
      schema: {
        tags: ['settings'],
        body: updatePlatformSettingsBody,
        response: { 200: platformSettingsStateSchema },
      },
      handler: async (req) => settings.update(actorOf(req), req.body),
    });

    app.get('/api/settings/public', {
      config: { access: { authenticated: true, duringPasswordChange: true } },
      schema: { tags: ['settings'], response: { 200: publicSettingsSchema } },
      handler: async () => settings.public(),
    });

    app.get('/api/settings/login', {
      config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['settings'], response: { 200: loginSettingsSchema } },
      handler: async () => settings.login(),
    });
  };
}

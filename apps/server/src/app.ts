import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from './composition';
import { installFairAdmission } from './platform/http/fair-admission';
import { keptAnswerSerializer } from './platform/http/kept-answers';
import { installAccess } from './platform/http/access';
import { installIdempotency } from './platform/http/idempotency';
import { installErrorHandler, sendError } from './platform/http/error-handler';
import { installSecurity } from './platform/http/security';
import { validatorCompiler } from './platform/http/schemas';
import { registerTestClock } from './platform/http/test-hooks';
import type { MovableClock } from './platform/clock';
import { migrationsCurrent } from './platform/db/migrate';
import { actorOf } from './platform/http/request-context';
import { orgRoutes } from './modules/org';
import { peopleRoutes, termsRoutes } from './modules/people';
import { campaignRoutes, structureReportRoutes } from './modules/elections';
import { importRoutes } from './modules/imports';
import { lrmxRoutes } from './modules/lrmx';
import { authRoutes, displayTokenRoutes, securityRoutes } from './modules/auth';
import { wallRoutes } from './modules/wall';
import { settingsRoutes } from './modules/settings';
import { careerRoutes, cohortRoutes, pipelineRoutes, successionRoutes } from './modules/pipeline';
import { auditRoutes, createAuditService } from './modules/audit';
import { matterRoutes, myWorkRoutes, policyRoutes } from './modules/matters';
import { meetingRoutes } from './modules/meetings';
import { trainingRoutes } from './modules/training';
import { attachmentRoutes } from './modules/attachments';
import { workspaceRoutes } from './modules/workspace';
import { calendarRoutes } from './platform/calendar/calendar.routes';
import { notifyRoutes } from './platform/notify/notify.routes';
import { callerOf } from './platform/caller';
import { refusePublicDemoPassword } from './demo/demo-login-guard';

export interface AppOptions {
  logLevel?: string;
  publicOrigin?: string;
  trustProxy?: string | false;
  webDir?: string;
  /** Demo mode (config.isDemo): only then may anyone log in with the public demo password. */
  demoMode?: boolean;
  /** Test builds only (see platform/http/test-hooks.ts). */
  testClock?: MovableClock;
}

/** Build the HTTP app: platform plugins, then each module's routes. No listen: tests use inject. */
export async function buildApp(services: Services, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      // Query strings can carry names typed into a search box: log the path only.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          path: req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    trustProxy: opts.trustProxy || false,
    bodyLimit: 1024 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(keptAnswerSerializer);
  installFairAdmission(app);

  installErrorHandler(app, {
    onRateLimited: (req) =>
      services.audit.recordAlone(actorOf(req), {
        action: 'rate_limited',
        objectType: 'route',
        objectId: req.routeOptions.url ?? req.url,
        outcome: 'denied',
      }),
  });
  await app.register(cookie);
  await installSecurity(app, { publicOrigin: opts.publicOrigin });
  if (!opts.demoMode) refusePublicDemoPassword(app, services.audit);
  await app.register(rateLimit, { global: false });
  installAccess(app, {
    audit: services.audit,
    resolveSession: (token, req) => services.auth.resolveSession(token, { ip: req.ip, requestId: req.id }),
    resolveDisplayToken: (token) => services.auth.displayTokens.resolve(token),
  });
  installIdempotency(app, { db: services.db, clock: services.clock, crypto: services.crypto });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Xinhuo 薪火 API', version: '0.1.0', description: 'Village cadre development platform' },
    },
    transform: jsonSchemaTransform,
  });

  app.get('/healthz', { config: { access: { public: true } }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: { public: true } }, schema: { hide: true } }, async (req, reply) => {
    try {
      if (!(await migrationsCurrent(services.db)))
        return reply.status(503).send({ status: 'not_ready', migrations: 'pending' });
      return { status: 'ready', migrations: 'current' };
    } catch {
      return reply.status(503).send({ status: 'not_ready', database: 'unreachable' });
    }
  });
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(
    authRoutes(services.auth, services.orgs, {
      secureCookie: (opts.publicOrigin ?? '').startsWith('https:'),
    }),
  );
  await app.register(securityRoutes(services.auth, services.securityAlerts));
  await app.register(displayTokenRoutes(services.auth));
  await app.register(wallRoutes(services.wall));
  await app.register(settingsRoutes(services.settings));
  await app.register(orgRoutes(services.orgs, services.lineage));
  await app.register(peopleRoutes(services.people, services.stats));
  await app.register(termsRoutes(services.terms));
  await app.register(structureReportRoutes(services.structureReports));
  await app.register(importRoutes(services.imports));
  await app.register(campaignRoutes(services.campaigns));
  await app.register(lrmxRoutes(services.lrmx));
  await app.register(pipelineRoutes(services.pipeline));
  await app.register(successionRoutes(services.succession));
  await app.register(careerRoutes(services.career));
  await app.register(cohortRoutes(services.cohorts));
  await app.register(
    auditRoutes(createAuditService({ db: services.db, audit: services.audit, clock: services.clock })),
  );
  await app.register(meetingRoutes(services.loop.meetings, services.loop.reviews));
  await app.register(trainingRoutes(services.training));
  await app.register(
    matterRoutes({
      matters: services.loop.matters,
      workflow: services.loop.workflow,
      stats: services.loop.matterStats,
      sweep: services.loop.sweep,
      orders: services.loop.orders,
      clock: services.clock,
    }),
  );
  await app.register(myWorkRoutes(services.loop.myWork));
  await app.register(policyRoutes(services.loop.policy));
  await app.register(attachmentRoutes(services.attachments));
  await app.register(workspaceRoutes(services.workspace));
  await app.register(calendarRoutes(services.calendar));
  await app.register(
    notifyRoutes(services.notify, {
      assertOrgInScope: async (req, orgId) => {
        await services.orgs.loadInScope(callerOf(req), orgId);
      },
    }),
  );

  if (opts.testClock) registerTestClock(app, opts.testClock);
  await registerWeb(app, opts.webDir);
  app.route({
    method: 'TRACE',
    url: '/*',
    config: { access: { public: true } },
    handler: (req, reply) => sendError(req, reply, 'METHOD_NOT_ALLOWED'),
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, 'ROUTE_NOT_FOUND'));
  return app;
}

/** The built web app from one origin; unknown non-API paths get index.html (client-side routes). */
async function registerWeb(app: FastifyInstance, webDir: string | undefined) {
  const dir = webDir && existsSync(path.join(webDir, 'index.html')) ? path.resolve(webDir) : null;
  // The web build carries .br and .gz copies of its text assets (apps/web/scripts/precompress.mjs):
  // sent as they are by Accept-Encoding, with `Vary: Accept-Encoding`. Cache headers are ours.
  if (dir)
    await app.register(fastifyStatic, { root: dir, serve: false, preCompressed: true, cacheControl: false });
  const indexHtml = dir ? readFileSync(path.join(dir, 'index.html'), 'utf8') : null;
  app.get(
    '/*',
    {
      config: { access: { public: true } },
      schema: { hide: true, params: z.object({ '*': z.string().max(300) }) },
    },
    async (req, reply) => {
      const rel = (req.params as { '*': string })['*'];
      if (rel.startsWith('api/') || rel === 'api') return sendError(req, reply, 'ROUTE_NOT_FOUND');
      if (!dir || !indexHtml)
        return reply
          .type('text/plain; charset=utf-8')
          .send('Xinhuo API is running; the web app is not built (npm run build).');
      if (
        rel &&
        !rel.includes('..') &&
        /^[\w./-]+$/.test(rel) &&
        existsSync(path.join(dir, rel)) &&
        rel !== 'index.html'
      ) {
        // Vite names what it emits under assets/ by content hash: a changed file is a new URL.
        reply.header(
          'Cache-Control',
          rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        return reply.sendFile(rel);
      }
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml);
    },
  );
}

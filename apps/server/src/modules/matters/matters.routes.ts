import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignOrderSchema,
  matterCatalogSchema,
  matterCountsSchema,
  matterDetailSchema,
  matterFiltersSchema,
  matterIdParamsSchema as idParams,
  matterListQuerySchema,
  matterPageSchema,
  matterPeriodQuerySchema,
  matterStatsSchema,
  matterTransitionBodySchema,
  overdueFiltersSchema,
  overdueListSchema,
  overdueQuerySchema,
  raiseMatterBodySchema,
  raiserStatsPageSchema,
  raiserStatsQuerySchema,
  scorecardsSchema,
  supervisionOrderSchema,
  sweepReportSchema,
  type MatterState,
  documentPdfQuerySchema,
  issuedDocumentsPageSchema,
  issuedDocumentsQuery,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../platform/http/download';
import { pageOf } from '../../platform/http/schemas';
import { keptWrapper } from '../../platform/http/kept-answers';
import type { MatterService, ListQuery } from './matters.service';
import type { WorkflowService } from './workflow/workflow.service';
import type { MatterStatsService } from './statistics/matter-stats.service';
import type { SweepService } from './sweep/sweep.service';
import type { OrderService } from './documents/orders.service';
import { writeMattersXlsx } from './matter-export';
import { orderPdfNames, renderAssignOrderPdf, renderSupervisionOrderPdf } from './documents/order-pdf';
import { writeOverdueXlsx, writeScorecardsXlsx } from './statistics/stats-export';
import type { ActionInput } from './workflow/matter-actions';

const tags = ['matters'];
const MATTER_EXPORT_CAP = 5000;

function toListQuery(
  q: { overdue?: 'true' | 'false'; state?: MatterState[] } & Record<string, unknown>,
): ListQuery {
  const { overdue, state, page: _p, pageSize: _s, exactTotal: _e, ...rest } = q;
  return { ...(rest as ListQuery), states: state, overdue: overdue === 'true' };
}

export function matterRoutes(s: {
  matters: MatterService;
  workflow: WorkflowService;
  stats: MatterStatsService;
  sweep: SweepService;
  orders: OrderService;
  clock: { now(): Date };
}): FastifyPluginAsyncZod {
  const { matters, workflow, stats, sweep, orders } = s;
  return async (app) => {
    const answerOf = keptWrapper();
    app.get('/api/matters', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        querystring: matterListQuerySchema,
        response: { 200: matterPageSchema },
      },
      handler: async (req) => {
        const kept = await matters.listMatters(
          callerOf(req),
          toListQuery(req.query),
          pageOf(req.query),
          req.query.exactTotal === 'true',
        );
        // A kept page (its key holds the page and its size) answers with the same object: written out once.
        return answerOf(kept, () => ({
          items: kept.items,
          total: kept.total,
          totalEstimated: kept.totalEstimated,
          page: req.query.page,
          pageSize: req.query.pageSize,
        }));
      },
    });

    app.get('/api/matters/counts', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        querystring: matterFiltersSchema,
        response: { 200: matterCountsSchema },
      },
      handler: async (req) => ({
        byState: await matters.countByState(callerOf(req), toListQuery(req.query)),
      }),
    });

    app.get('/api/matters/export', {
      config: { access: { permission: 'matters:read' } },
      schema: { tags, querystring: matterFiltersSchema },
      handler: async (req, reply) => {
        const rows = await matters.exportRows(callerOf(req), toListQuery(req.query), MATTER_EXPORT_CAP);
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes: await writeMattersXlsx(rows, req.lang),
          type: XLSX_TYPE,
          asciiName: `matters-${stamp}.xlsx`,
          name: `事项清单-${stamp}.xlsx`,
        });
      },
    });

    app.get('/api/matters/catalog', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        response: {
          200: matterCatalogSchema,
        },
      },
      handler: async (req) => matters.catalog(callerOf(req)),
    });

    app.get('/api/matters/overdue', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        querystring: overdueQuerySchema,
        response: { 200: overdueListSchema },
      },
      handler: async (req) => stats.overdueNow(callerOf(req), req.query, pageOf(req.query)),
    });

    app.get('/api/matters/overdue/export', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        querystring: overdueFiltersSchema,
      },
      handler: async (req, reply) => {
        const o = await stats.exportOverdue(callerOf(req), req.query, MATTER_EXPORT_CAP);
        return sendDownload(reply, {
          bytes: await writeOverdueXlsx(o, req.lang),
          type: XLSX_TYPE,
          asciiName: `overdue-${o.today}.xlsx`,
          name: `当前逾期事项-${o.today}.xlsx`,
        });
      },
    });

    app.get('/api/matters/scorecards/export', {
      config: { access: { permission: 'matters:stats' } },
      schema: { tags: ['statistics'], querystring: matterPeriodQuerySchema },
      handler: async (req, reply) => {
        const s = await stats.exportScorecards(callerOf(req), req.query);
        return sendDownload(reply, {
          bytes: await writeScorecardsXlsx(s, req.lang),
          type: XLSX_TYPE,
          asciiName: `scorecards-${s.from}-${s.to}.xlsx`,
          name: `单位考评-${s.orgName}-${s.from}至${s.to}.xlsx`,
        });
      },
    });

    app.get('/api/matters/stats', {
      config: { access: { permission: 'matters:stats' } },
      schema: {
        tags: ['statistics'],
        querystring: matterPeriodQuerySchema,
        response: { 200: matterStatsSchema },
      },
      handler: async (req) => stats.summary(callerOf(req), req.query),
    });

    app.get('/api/matters/raisers', {
      config: { access: { permission: 'matters:stats' } },
      schema: {
        tags: ['statistics'],
        querystring: raiserStatsQuerySchema,
        response: { 200: raiserStatsPageSchema },
      },
      handler: async (req) => {
        const { page, pageSize, ...q } = req.query;
        return stats.raisers(callerOf(req), q, { page, pageSize });
      },
    });

    app.get('/api/matters/scorecards', {
      config: { access: { permission: 'matters:stats' } },
      schema: {
        tags: ['statistics'],
        querystring: matterPeriodQuerySchema,
        response: { 200: scorecardsSchema },
      },
      handler: async (req) => stats.scorecards(callerOf(req), req.query),
    });

    app.get('/api/matters/:id', {
      config: { access: { permission: 'matters:read' } },
      schema: { tags, params: idParams, response: { 200: matterDetailSchema } },
      handler: async (req) => matters.getMatter(callerOf(req), req.params.id),
    });

    app.post('/api/matters', {
      config: { access: { permission: 'matters:raise' } },
      schema: { tags, body: raiseMatterBodySchema, response: { 201: matterDetailSchema } },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const [id] = await matters.raiseMatters(caller, [req.body]);
        return reply.status(201).send(await matters.getMatter(caller, id!));
      },
    });

    app.post('/api/matters/:id/transitions', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags,
        params: idParams,
        body: matterTransitionBodySchema,
        response: { 200: matterDetailSchema },
      },
      handler: async (req) => {
        const caller = callerOf(req);
        await workflow.act(caller, req.params.id, req.body as ActionInput);
        return matters.getMatter(caller, req.params.id);
      },
    });

    app.get('/api/documents', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags: ['documents'],
        querystring: issuedDocumentsQuery,
        response: { 200: issuedDocumentsPageSchema },
      },
      handler: async (req) => {
        const { kind, from, to, q } = req.query;
        return {
          ...(await orders.listIssued(
            callerOf(req),
            { kind, from, to, q: q || undefined },
            pageOf(req.query),
          )),
          page: req.query.page,
          pageSize: req.query.pageSize,
        };
      },
    });

    app.get('/api/matters/:id/assign-order', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags: ['documents'],
        params: idParams,
        response: {
          200: assignOrderSchema,
        },
      },
      handler: async (req) => orders.assignOrder(callerOf(req), req.params.id, req.lang),
    });

    app.get('/api/supervisions/:id/order', {
      config: { access: { permission: 'matters:read' } },
      schema: {
        tags: ['documents'],
        params: idParams,
        response: {
          200: supervisionOrderSchema,
        },
      },
      handler: async (req) => orders.supervisionOrder(callerOf(req), req.params.id),
    });

    app.get('/api/matters/:id/assign-order.pdf', {
      config: { access: { permission: 'matters:read' } },
      schema: { tags: ['documents'], params: idParams, querystring: documentPdfQuerySchema },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const lang = req.query.lang ?? req.lang;
        const [order, catalog] = await Promise.all([
          orders.assignOrder(caller, req.params.id, lang),
          matters.catalog(caller),
        ]);
        const priority = catalog.priorities.find((p) => p.code === order.matter.priority);
        const priorityName = (lang === 'en' ? priority?.nameEn : priority?.nameZh) ?? order.matter.priority;
        const pdf = await renderAssignOrderPdf(order, priorityName, lang);
        return sendDownload(reply, {
          bytes: pdf,
          type: 'application/pdf',
          ...orderPdfNames('assign', order.docNo),
        });
      },
    });

    app.get('/api/supervisions/:id/order.pdf', {
      config: { access: { permission: 'matters:read' } },
      schema: { tags: ['documents'], params: idParams, querystring: documentPdfQuerySchema },
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const lang = req.query.lang ?? req.lang;
        const order = await orders.supervisionOrder(caller, req.params.id);
        // The order names no issuer of its own: it is whoever issued the matter's 交办单 (as on the web).
        const issuer = order.matter.dispatchNo
          ? (await orders.assignOrder(caller, order.matter.id)).issuer
          : '';
        const pdf = await renderSupervisionOrderPdf(order, issuer, lang);
        return sendDownload(reply, {
          bytes: pdf,
          type: 'application/pdf',
          ...orderPdfNames('supervision', order.docNo),
        });
      },
    });

    app.post('/api/matters/sweep', {
      config: { access: { permission: 'matters:configure' } },
      schema: {
        tags,
        response: {
          200: sweepReportSchema,
        },
      },
      handler: async () => sweep.sweepDue(s.clock.now()),
    });
  };
}

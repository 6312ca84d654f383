import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  structureElectionListSchema,
  structureReportSchema,
  structureSnapshotListSchema,
  structureSnapshotParams,
  structureSnapshotSchema,
  structureSnapshotSummarySchema,
} from '@xinhuo/shared';
import { callerOf } from '../../platform/caller';
import { XLSX_TYPE, sendDownload } from '../../platform/http/download';
import type { StructureReportService } from './structure-report.service';
import { writeStructureReportXlsx } from './structure-report.xlsx';

const tags = ['elections'];

/**
 * The election structure report (换届结构分析): live, as .xlsx, and frozen snapshots. Reading needs
 * `roster:read` and freezing `roster:write` (the election permissions are the campaign's to add).
 */
export function structureReportRoutes(reports: StructureReportService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/structure-reports/elections', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, response: { 200: structureElectionListSchema } },
      handler: async (req) => reports.listElections(callerOf(req)),
    });

    app.get('/api/elections/:id/structure-report', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: idParams, response: { 200: structureReportSchema } },
      handler: async (req) => reports.report(callerOf(req), req.params.id),
    });

    app.get('/api/elections/:id/structure-report/export', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: idParams },
      handler: async (req, reply) => {
        const report = await reports.report(callerOf(req), req.params.id);
        const date = report.election.electionDate;
        return sendDownload(reply, {
          bytes: await writeStructureReportXlsx(report, req.lang),
          type: XLSX_TYPE,
          asciiName: `election-structure-${date}.xlsx`,
          name: `换届结构分析-${report.total.orgName}-${date}.xlsx`,
        });
      },
    });

    app.post('/api/elections/:id/structure-report/snapshots', {
      config: { access: { permission: 'roster:write' } },
      schema: { tags, params: idParams, response: { 201: structureSnapshotSummarySchema } },
      handler: async (req, reply) =>
        reply.status(201).send(await reports.freezeNow(callerOf(req), req.params.id)),
    });

    app.get('/api/elections/:id/structure-report/snapshots', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: idParams, response: { 200: structureSnapshotListSchema } },
      handler: async (req) => reports.listSnapshots(callerOf(req), req.params.id),
    });

    app.get('/api/elections/:id/structure-report/snapshots/:snapshotId', {
      config: { access: { permission: 'roster:read' } },
      schema: { tags, params: structureSnapshotParams, response: { 200: structureSnapshotSchema } },
      handler: async (req) => reports.readSnapshot(callerOf(req), req.params.id, req.params.snapshotId),
    });
  };
}

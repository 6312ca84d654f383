import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cohortDetailSchema, idParams } from '@xinhuo/shared';
import { callerOf } from '../../../platform/caller';
import { XLSX_TYPE, fileStamp, sendDownload } from '../../../platform/http/download';
import { writeCohortsXlsx } from './cohorts-export';
import type { CohortPages } from './cohorts.service';

const tags = ['pipeline'];
const read = { permission: 'pipeline:read' } as const;
const EXPORT_CAP = 5000;

/** The cohort page and the cohorts' export (masked, audited). */
export function cohortRoutes(cohorts: CohortPages): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/pipeline/cohorts/export', {
      config: { access: read },
      schema: { tags },
      handler: async (req, reply) => {
        const rows = await cohorts.exportCohorts(callerOf(req), EXPORT_CAP);
        const stamp = fileStamp();
        return sendDownload(reply, {
          bytes: await writeCohortsXlsx(rows, req.lang),
          type: XLSX_TYPE,
          asciiName: `pipeline-cohorts-${stamp}.xlsx`,
          name: `薪火计划批次-${stamp}.xlsx`,
        });
      },
    });
    app.get('/api/pipeline/cohorts/:id', {
      config: { access: read },
      schema: { tags, params: idParams, response: { 200: cohortDetailSchema } },
      handler: async (req) => cohorts.getCohort(callerOf(req), req.params.id),
    });
  };
}

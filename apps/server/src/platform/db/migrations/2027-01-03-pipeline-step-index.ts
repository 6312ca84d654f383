import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Frozen in time (issue 11, the province-size benchmark): the pipeline dashboard reads the first date
 * of each kind of step (nominated, selected, placed, exited) of every candidate in the scope, and the
 * successor score the training starts and yearly assessments. An index on (candidate_id, action,
 * event_date) answers each of those from the index alone, instead of reading every step of the
 * candidate from the table (a province: 100,000 candidates, half a million steps).
 */
export const pipelineStepIndex: Migration = {
  name: '2027-01-03-pipeline-step-index',
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('pipeline_events_action_idx')
      .on('pipeline_events')
      .columns(['candidate_id', 'action', 'event_date'])
      .execute();
  },
};

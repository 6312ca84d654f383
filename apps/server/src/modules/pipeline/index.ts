export {
  createPipelineService,
  NO_TRAINING_HOURS,
  type PipelineService,
  type TrainingHoursSource,
} from './pipeline.service';
export { pipelineRoutes } from './pipeline.routes';
export { createSuccessionService, type SuccessionService } from './succession/succession.service';
export { successionRoutes } from './succession/succession.routes';
/** The one definition of a seat at risk and of a ready successor (the reminders use it too). */
export { hasReadySuccessor, seatsAtRisk } from './succession/succession-query';
export { createCareerService, type CareerService } from './career/career.service';
export { careerRoutes } from './career/career.routes';
export {
  createPipelineReminders,
  type PipelineReminders,
  type ReminderReport,
} from './reminders/reminders.service';
export { createCohortPages, type CohortPages } from './cohorts/cohorts.service';
export { cohortRoutes } from './cohorts/cohorts.routes';

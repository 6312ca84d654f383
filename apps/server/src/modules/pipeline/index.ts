export {
  createPipelineService,
  NO_TRAINING_HOURS,
  type PipelineService,
  type TrainingHoursSource,
} from './pipeline.service';
export { pipelineRoutes } from './pipeline.routes';
export { createCareerService, type CareerService } from './career/career.service';
export { careerRoutes } from './career/career.routes';
export {
  createPipelineReminders,
  type PipelineReminders,
  type ReminderReport,
} from './reminders/reminders.service';
export { createCohortPages, type CohortPages } from './cohorts/cohorts.service';
export { cohortRoutes } from './cohorts/cohorts.routes';

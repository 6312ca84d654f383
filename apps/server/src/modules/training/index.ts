export {
  createTrainingService,
  trainingHours,
  trainingHoursByYear,
  CLASS_YEARS,
  type TrainingService,
  type EnrollTarget,
  type ProgramInput,
  type SessionInput,
  type StudentInput,
} from './training.service';
export { trainingRoutes } from './training.routes';

export {
  createPipelineService,
  NO_TRAINING_HOURS,
  type PipelineService,
  type TrainingHoursSource,
} from './pipeline.service';
export { pipelineRoutes } from './pipeline.routes';

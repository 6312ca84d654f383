export { createLrmxService, type LrmxService } from './lrmx.service';
export { lrmxRoutes } from './lrmx.routes';

// Worker threads do not inherit the tsx loader of the test process: register it, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');

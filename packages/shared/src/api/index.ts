/**
 * The API contract: request and response schemas of every route, one file per context
 * (`<context>.ts`). The server validates and serializes with them and generates /api/openapi.json
 * from them; the web derives its types from them (`z.input<>` for bodies, `z.infer<>` for answers).
 * Naming: `<thing>Schema` for an answer shape with `type <Thing>`; `<verb><Thing>Body` / `…Query` /
 * `…Params` for requests with `type <Verb><Thing>Body = z.input<…>`.
 */
export * from './common';
export * from './org';
export * from './auth';
export * from './admin';
export * from './people';
export * from './terms';
export * from './stats';
export * from './audit';
export * from './notify';
export * from './calendar';
export * from './policy';
export * from './matters';
export * from './meetings';
export * from './attachments';
export * from './imports';
export * from './campaigns';
export * from './structure-report';
export * from './lrmx';
export * from './my-work';
export * from './security';
export * from './training';
export * from './workspace';
export * from './pipeline';
export * from './pipeline-succession';
export * from './wall';
export * from './career';
export * from './cohorts';
export * from './settings';

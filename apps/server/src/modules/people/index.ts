export { createPeopleService, type PeopleService, type ListQuery } from './people.service';
export { LRMX_IMPORT_FIELDS, cadreRecordOf, patchFromCadre, politicalStatusOf } from './people.cadre';
export { createTermsService, type TermsService } from './terms.service';
export { createStatsService, type StatsService } from './stats.service';
export { peopleRoutes } from './people.routes';
export { termsRoutes } from './terms.routes';
export { checkPerson, type PersonInput } from './person-rules';
export { IMPORT_BATCH } from './people-import';
export type { ImportedPerson, IdNumberHolder, ImportOutcome } from './people-import';

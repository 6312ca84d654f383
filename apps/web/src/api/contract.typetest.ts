/**
 * Compile-time check, never imported by the app: the fields the pages read exist in the shared contract
 * with the types the pages expect. `tsc -p apps/web` fails when a response schema in
 * packages/shared/src/api renames or retypes one of them; `tsc -p apps/server` fails at the same time,
 * because the routes serialize with those schemas and the services must still return the field.
 */
import type {
  AuditEntry,
  AuditVerification,
  ErrorBody,
  ErrorCode,
  Me,
  Org,
  OrgDetail,
  Page,
  Person,
  PersonListItem,
  PositionHistory,
  RosterStats,
} from '@xinhuo/shared';
import type { ApiErrorCode } from './client';

/** True only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type ContractChecks = [
  // The signed-in user: the menu reads permissions, the tree starts from the scope organizations.
  Expect<Equal<Me['permissions'], string[]>>,
  Expect<Equal<Me['scopeOrgs'], Org[]>>,
  Expect<Equal<Me['mustChangePassword'], boolean>>,
  // The organization tree and page.
  Expect<
    Equal<
      Pick<Org, 'id' | 'parentId' | 'childCount' | 'version'>,
      { id: string; parentId: string | null; childCount: number; version: number }
    >
  >,
  Expect<Equal<OrgDetail['ancestors'], { id: string; name: string }[]>>,
  // The roster: current posts on each row, the history on the person page (not `positions`).
  Expect<Equal<PersonListItem['positions'][number]['orgName'], string>>,
  Expect<Equal<Person['positionHistory'], PositionHistory[]>>,
  Expect<
    Equal<Pick<PositionHistory, 'startDate' | 'endDate'>, { startDate: string; endDate: string | null }>
  >,
  Expect<
    Equal<
      Pick<Person, 'idNumberMasked' | 'phoneMasked' | 'version'>,
      { idNumberMasked: string; phoneMasked: string | null; version: number }
    >
  >,
  Expect<Equal<keyof Page<Person>, 'items' | 'total' | 'page' | 'pageSize'>>,
  // The dashboard.
  Expect<Equal<RosterStats['collegeOrAbove'], { count: number; share: number | null }>>,
  Expect<Equal<RosterStats['byChild'][number]['secretaryDirectorRate'], number | null>>,
  // The audit page.
  Expect<Equal<Pick<AuditEntry, 'seq' | 'ts' | 'outcome'>, { seq: number; ts: string; outcome: string }>>,
  Expect<Equal<AuditVerification['firstBrokenSeq'], number | null>>,
  // Error answers: the web's codes are the catalogue's.
  Expect<Equal<ErrorBody['error']['code'], ErrorCode>>,
  Expect<ErrorCode extends ApiErrorCode ? true : false>,
];

import type { Kysely, Transaction } from 'kysely';
import type { OrgHistoryTable, OrgsTable } from './modules/org/org.tables';
import type {
  ElectionsTable,
  PersonsTable,
  PositionsTable,
  TermsTable,
} from './modules/people/people.tables';
import type { SessionsTable, UserRolesTable, UserScopesTable, UsersTable } from './modules/auth/auth.tables';

/** The whole schema as Kysely sees it; each module owns its tables file. */
export interface Database {
  orgs: OrgsTable;
  org_history: OrgHistoryTable;
  persons: PersonsTable;
  elections: ElectionsTable;
  terms: TermsTable;
  positions: PositionsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_scopes: UserScopesTable;
  sessions: SessionsTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

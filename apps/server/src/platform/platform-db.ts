import type { Kysely, Transaction } from 'kysely';
import type { AuditHeadTable, AuditLogTable } from './audit/audit.tables';
import type { CalendarOverridesTable } from './calendar/calendar.tables';
import type { DataVersionsTable, SchemaMigrationsTable } from './db/db.tables';
import type { IdempotencyKeysTable } from './http/idempotency.tables';
import type {
  NotificationOutboxTable,
  NotificationReadsTable,
  NotificationsTable,
  UnitWebhooksTable,
} from './notify/notify.tables';
import type { PolicyVersionCancellationsTable, PolicyVersionsTable } from './policy/policy.tables';
import type { KeyStateTable } from './crypto/key-state';

/**
 * The platform's own tables, so platform code is typed without knowing the domain; the app's
 * `Database` (database.ts) extends it with the modules' tables.
 */
export interface PlatformDatabase {
  schema_migrations: SchemaMigrationsTable;
  data_versions: DataVersionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  calendar_overrides: CalendarOverridesTable;
  notifications: NotificationsTable;
  notification_reads: NotificationReadsTable;
  unit_webhooks: UnitWebhooksTable;
  notification_outbox: NotificationOutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  policy_versions: PolicyVersionsTable;
  policy_version_cancellations: PolicyVersionCancellationsTable;
  key_state: KeyStateTable;
}

export type PlatformDb = Kysely<PlatformDatabase>;

/** A handle or transaction on any database holding the platform's tables (the app's own, in practice). */
export type OnPlatform<DB extends PlatformDatabase> = Kysely<DB> | Transaction<DB>;

/**
 * Kysely's handle is invariant in its schema, so the app's `Kysely<Database>` is not a `PlatformDb`
 * although it holds every platform table. Platform entry points take any handle whose schema
 * extends the platform's and read it through this one view.
 */
export function platformView<DB extends PlatformDatabase>(db: OnPlatform<DB>): PlatformDb {
  return db as unknown as PlatformDb;
}

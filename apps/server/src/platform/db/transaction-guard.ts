import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, type Dialect, type Driver, type KyselyConfig, type TransactionBuilder } from 'kysely';

/**
 * The transaction convention: the caller owns the transaction, and everything it calls takes that
 * `trx`. A service that opens its own `db.transaction()` — or queries `db` — while its caller's
 * transaction is open is a bug: on SQLite (one connection behind a mutex) it waits for a lock its own
 * caller holds, forever; on PostgreSQL it runs outside the caller's transaction, on another connection.
 *
 * With the guard on (tests: compose's `testGuardNestedTransactions`), the open transaction is
 * remembered in the async context, and any connection asked of `db` from inside it throws
 * NESTED_TRANSACTION at once. Without it (production) the database is a plain Kysely: no cost.
 */
class NestedTransactionError extends Error {
  readonly code = 'NESTED_TRANSACTION';
  constructor() {
    super(
      'NESTED_TRANSACTION: db used while a transaction of this async context is open — pass its trx instead',
    );
  }
}

/** The transaction whose callback is running in this async context; `open` turns false at its end. */
const current = new AsyncLocalStorage<{ open: boolean }>();

function assertNoOpenTransaction(): void {
  if (current.getStore()?.open) throw new NestedTransactionError();
}

/** A Kysely whose transactions mark the async context they run in, over a dialect that checks it. */
export class GuardedKysely<DB> extends Kysely<DB> {
  constructor(config: KyselyConfig) {
    super({ ...config, dialect: guardedDialect(config.dialect) });
  }

  override transaction(): TransactionBuilder<DB> {
    return marking(super.transaction());
  }
}

function marking<DB>(builder: TransactionBuilder<DB>): TransactionBuilder<DB> {
  return new Proxy(builder, {
    get(target, key) {
      if (key === 'execute') {
        return <T>(callback: Parameters<TransactionBuilder<DB>['execute']>[0]) =>
          target.execute(async (trx) => {
            const mark = { open: true };
            try {
              return (await current.run(mark, () => callback(trx))) as T;
            } finally {
              // Work the callback left behind (timers, queued audits) runs later in the same context.
              mark.open = false;
            }
          });
      }
      if (key === 'setIsolationLevel' || key === 'setAccessMode') {
        return (value: never) => marking(target[key](value));
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function guardedDialect(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => guardedDriver(dialect.createDriver()),
  };
}

// Every query and transaction through `db` (not `trx`) asks the driver for a connection first.
function guardedDriver(driver: Driver): Driver {
  return new Proxy(driver, {
    get(target, key) {
      if (key === 'acquireConnection') {
        return () => {
          assertNoOpenTransaction();
          return target.acquireConnection();
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

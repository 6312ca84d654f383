import type { PolicyKind } from '@xinhuo/shared';

/** One immutable version of a policy kind; `body` is JSON validated by the kind's zod schema. */
export interface PolicyVersionsTable {
  kind: PolicyKind;
  version: number;
  /** The Shanghai business date (YYYY-MM-DD) from which the version is in force. */
  effective_from: string;
  body: string;
  created_by: string | null;
  created_at: string;
}

/** The withdrawal of a scheduled version before its date (immutable; the version row itself never changes). */
export interface PolicyVersionCancellationsTable {
  kind: PolicyKind;
  version: number;
  reason: string;
  cancelled_by: string | null;
  cancelled_at: string;
}

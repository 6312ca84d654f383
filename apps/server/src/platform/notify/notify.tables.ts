import type { NotificationAudience, NotificationKind } from '@xinhuo/shared';

/** An in-app notification, to one user or to the users of an org with a given audience (handler, raiser…). */
export interface NotificationsTable {
  id: string;
  recipient_user_id: string | null;
  recipient_org_id: string | null;
  audience: NotificationAudience | null;
  kind: NotificationKind;
  params: string;
  object_type: string | null;
  object_id: string | null;
  created_at: string;
  /** When the item it asks for was handled (签收, 办结, 核查…): read for everyone it went to. */
  resolved_at: string | null;
}

export interface NotificationReadsTable {
  notification_id: string;
  user_id: string;
  read_at: string;
}

export interface UnitWebhooksTable {
  org_id: string;
  url: string;
  is_active: number;
  updated_at: string;
  updated_by: string | null;
}

/** A webhook delivery written in the notifying transaction and sent after commit. */
export interface NotificationOutboxTable {
  id: string;
  notification_id: string;
  org_id: string;
  url: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  delivered_at: string | null;
  last_error: string | null;
  created_at: string;
}

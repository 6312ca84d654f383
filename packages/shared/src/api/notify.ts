import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../matters';
import { pageQuery, uuid } from './common';

export const listNotificationsQuery = z.strictObject({
  /** `true`: unread only (kept for older clients; `read=false` says the same). */
  unread: z.enum(['true', 'false']).optional(),
  /** `false`: unread only; `true`: read only (marked, or handled). */
  read: z.enum(['true', 'false']).optional(),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
  ...pageQuery,
});
export type ListNotificationsQuery = z.input<typeof listNotificationsQuery>;

/** One in-app notification, its text in the caller's language. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  params: z.record(z.string(), z.unknown()),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  createdAt: z.string(),
  isRead: z.boolean(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const unreadCountSchema = z.object({ unread: z.number() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** The unread notifications counted by kind (the bell's groups), most first. */
export const notificationSummarySchema = z.object({
  unread: z.number(),
  byKind: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), unread: z.number() })),
});
export type NotificationSummary = z.infer<typeof notificationSummarySchema>;

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(uuid).min(1).max(200) }),
  z.strictObject({ all: z.literal(true), kind: z.enum(NOTIFICATION_KINDS).optional() }),
]);
export type MarkReadBody = z.input<typeof markReadBody>;
export const markedSchema = z.object({ marked: z.number() });

export const webhookSchema = z.object({
  orgId: z.string(),
  url: z.string().nullable(),
  isActive: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Webhook = z.infer<typeof webhookSchema>;
export const setWebhookBody = z.strictObject({ url: z.string().max(500).nullable() });
export type SetWebhookBody = z.input<typeof setWebhookBody>;

import { z } from 'zod';
import { MEETING_CADENCES, MEETING_HOST_LEVELS, PARTICIPANT_ROLES } from '../matters';
import { idParams, isoDate, pageSchema, pageQuery, safeText, uuid, version } from './common';
import { matterListItemSchema, raiseMatterBodySchema } from './matters';

/*
 * The contract of the meeting routes (/api/meeting-series, /api/meetings…): request and response schemas,
 * used by the server to validate and serialize, by the web for its types, and for the OpenAPI document.
 */

export const meetingIdParamsSchema = idParams;

// ——— Series ———

export const meetingSeriesSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostLevel: z.enum(MEETING_HOST_LEVELS),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  cadence: z.enum(MEETING_CADENCES),
  description: z.string().nullable(),
});
export type MeetingSeries = z.infer<typeof meetingSeriesSchema>;

export const meetingSeriesListSchema = z.object({ items: z.array(meetingSeriesSchema) });

export const meetingSeriesBodySchema = z.strictObject({
  name: safeText(60, 2),
  hostLevel: z.enum(MEETING_HOST_LEVELS),
  hostOrgId: uuid,
  cadence: z.enum(MEETING_CADENCES),
  description: safeText(500).nullable().optional(),
});
export type MeetingSeriesBody = z.input<typeof meetingSeriesBodySchema>;

/** The answer of a create that returns only the new row's id. */
export const createdIdSchema = z.object({ id: z.string() });

// ——— Meetings ———

export const meetingParticipantBodySchema = z.strictObject({
  personId: uuid.nullable().optional(),
  orgId: uuid.nullable().optional(),
  name: safeText(50),
  role: z.enum(PARTICIPANT_ROLES),
  attended: z.boolean(),
  spoke: z.boolean(),
  speechTopic: safeText(200).nullable().optional(),
});
export type MeetingParticipantBody = z.input<typeof meetingParticipantBodySchema>;

/** The answer of POST /api/meetings/sign-in-sheet: the participants a 签到表 names, for the form. */
export const meetingSignInSheetSchema = z.object({
  rows: z.number(),
  fromRoster: z.number(),
  participants: z.array(
    z.object({
      personId: z.string().nullable(),
      orgId: z.string().nullable(),
      name: z.string(),
      role: z.enum(PARTICIPANT_ROLES),
      attended: z.boolean(),
      spoke: z.boolean(),
    }),
  ),
});
export type MeetingSignInSheet = z.infer<typeof meetingSignInSheetSchema>;

const meetingFields = {
  seriesId: uuid.nullable().optional(),
  title: safeText(120, 2),
  meetingDate: isoDate,
  hostLevel: z.enum(MEETING_HOST_LEVELS),
  hostOrgId: uuid,
  venueOrgId: uuid.nullable().optional(),
  venueText: safeText(120).nullable().optional(),
  topic: safeText(500).nullable().optional(),
  minutes: safeText(20_000).nullable().optional(),
  participants: z.array(meetingParticipantBodySchema).max(500).optional(),
};

/** The body of POST /api/meetings. */
export const meetingBodySchema = z.strictObject(meetingFields);
export type MeetingBody = z.input<typeof meetingBodySchema>;
/** The body of PUT /api/meetings/:id: the meeting and the version it was read at. */
export const meetingUpdateBodySchema = z.strictObject({ version, ...meetingFields });

export const meetingPublishBodySchema = z.strictObject({ version, published: z.boolean() });

export const meetingListQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  seriesId: uuid.optional(),
  hostLevel: z.enum(MEETING_HOST_LEVELS).optional(),
  orgId: uuid.optional(),
  ...pageQuery,
});
/** The filters of the meeting list, without the page. */
export type MeetingFilters = Omit<z.input<typeof meetingListQuerySchema>, 'page' | 'pageSize'>;

export const meetingItemSchema = z.object({
  id: z.string(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  title: z.string(),
  meetingDate: z.string(),
  hostLevel: z.enum(MEETING_HOST_LEVELS),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  venueOrgId: z.string().nullable(),
  venueName: z.string().nullable(),
  topic: z.string().nullable(),
  isPublished: z.boolean(),
  publishedAt: z.string().nullable(),
  /** null when the minutes are not published and the caller may not edit the meeting. */
  minutes: z.string().nullable(),
  participantCount: z.number(),
  speakerCount: z.number(),
  version: z.number(),
});
export type MeetingItem = z.infer<typeof meetingItemSchema>;

export const meetingPageSchema = pageSchema(meetingItemSchema);
export type MeetingPage = z.infer<typeof meetingPageSchema>;

export const meetingParticipantSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  orgId: z.string().nullable(),
  name: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  attended: z.boolean(),
  spoke: z.boolean(),
  speechTopic: z.string().nullable(),
});
export type MeetingParticipant = z.infer<typeof meetingParticipantSchema>;

export const meetingDetailSchema = meetingItemSchema.extend({
  canEdit: z.boolean(),
  participants: z.array(meetingParticipantSchema),
  matters: z.array(matterListItemSchema),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/** The review of the previous meeting's matters (回头看), shown on a meeting. */
export const meetingReviewSchema = z.object({
  previousMeeting: z.object({ id: z.string(), title: z.string(), meetingDate: z.string() }).nullable(),
  items: z.array(matterListItemSchema.extend({ meetingTitle: z.string(), meetingDate: z.string() })),
  summary: z
    .object({
      total: z.number(),
      closed: z.number(),
      open: z.number(),
      overdue: z.number(),
      satisfied: z.number(),
      dissatisfied: z.number(),
    })
    .nullable(),
});
export type MeetingReview = z.infer<typeof meetingReviewSchema>;

/** The body of POST /api/meetings/:id/matters: matters raised at the meeting. */
export const meetingRaiseBodySchema = z.strictObject({
  items: z.array(raiseMatterBodySchema).min(1).max(50),
});
export const raisedIdsSchema = z.object({ ids: z.array(z.string()) });

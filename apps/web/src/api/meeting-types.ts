// Shapes of the meetings and notifications answers (apps/server modules/meetings, platform/notify).
import type { MeetingCadence, MeetingHostLevel, ParticipantRole } from '@xinhuo/shared';
import type { MatterListItem } from './matter-types';

export interface MeetingSeries {
  id: string;
  name: string;
  hostLevel: MeetingHostLevel;
  hostOrgId: string;
  hostOrgName: string;
  cadence: MeetingCadence;
  description: string | null;
}

export interface MeetingItem {
  id: string;
  seriesId: string | null;
  seriesName: string | null;
  title: string;
  meetingDate: string;
  hostLevel: MeetingHostLevel;
  hostOrgId: string;
  hostOrgName: string;
  venueOrgId: string | null;
  venueName: string | null;
  topic: string | null;
  isPublished: boolean;
  publishedAt: string | null;
  /** null when the minutes are not published and the caller may not edit the meeting. */
  minutes: string | null;
  participantCount: number;
  speakerCount: number;
  version: number;
}

export interface MeetingParticipant {
  id: string;
  personId: string | null;
  orgId: string | null;
  name: string;
  role: ParticipantRole;
  attended: boolean;
  spoke: boolean;
  speechTopic: string | null;
}

export interface MeetingDetail extends MeetingItem {
  canEdit: boolean;
  participants: MeetingParticipant[];
  matters: MatterListItem[];
}

export interface MeetingReview {
  previousMeeting: { id: string; title: string; meetingDate: string } | null;
  items: (MatterListItem & { meetingTitle: string; meetingDate: string })[];
  summary: {
    total: number;
    closed: number;
    open: number;
    overdue: number;
    satisfied: number;
    dissatisfied: number;
  } | null;
}

export interface MeetingInput {
  seriesId?: string | null;
  title: string;
  meetingDate: string;
  hostLevel: MeetingHostLevel;
  hostOrgId: string;
  venueOrgId?: string | null;
  venueText?: string | null;
  topic?: string | null;
  minutes?: string | null;
  participants?: Omit<MeetingParticipant, 'id'>[];
}

export interface AppNotification {
  id: string;
  kind: string;
  text: string;
  params: Record<string, unknown>;
  objectType: string | null;
  objectId: string | null;
  createdAt: string;
  isRead: boolean;
}

export interface NotificationPage {
  items: AppNotification[];
  unread: number;
  page: number;
  pageSize: number;
}

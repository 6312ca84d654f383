import type { MeetingCadence, MeetingHostLevel, ParticipantRole } from '@xinhuo/shared';

export interface MeetingSeriesTable {
  id: string;
  name: string;
  host_level: MeetingHostLevel;
  host_org_id: string;
  org_path: string;
  cadence: MeetingCadence;
  description: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeetingsTable {
  id: string;
  series_id: string | null;
  title: string;
  meeting_date: string;
  host_level: MeetingHostLevel;
  host_org_id: string;
  org_path: string;
  venue_org_id: string | null;
  venue_path: string | null;
  venue_text: string | null;
  topic: string | null;
  minutes: string | null;
  is_published: number;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeetingParticipantsTable {
  id: string;
  meeting_id: string;
  person_id: string | null;
  org_id: string | null;
  name: string;
  role: ParticipantRole;
  attended: number;
  spoke: number;
  speech_topic: string | null;
  sort_order: number;
}

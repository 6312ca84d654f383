import { can, type Caller } from '../../platform/caller';
import type { Db } from '../../database';
import type { MatterService } from '../matters';
import * as repo from './meetings.repository';
import type { MeetingService } from './meetings.service';

export type ReviewService = ReturnType<typeof createReviewService>;

export function createReviewService(deps: {
  db: Db;
  meetings: Pick<MeetingService, 'loadMeeting'>;
  matters: Pick<MatterService, 'listMatters'>;
}) {
  const { db, matters } = deps;
  const loadMeeting = deps.meetings.loadMeeting;
  return {
    /**
     * 回头看: every matter raised at the previous meeting of the series, plus those from any earlier
     * meeting that are still open, with state, overdue flag and satisfaction — scoped like any matter list.
     */
    async review(caller: Caller, id: string) {
      const m = await loadMeeting(caller, id);
      const earlier = await repo.findEarlierMeetings(db, m);
      const previous = earlier[0] ?? null;
      if (!previous || !can(caller, 'matters:read'))
        return {
          previousMeeting: previous && {
            id: previous.id,
            title: previous.title,
            meetingDate: previous.meeting_date,
          },
          items: [],
          summary: null,
        };
      const page = { offset: 0, limit: 500 };
      const last = (
        await matters.listMatters(caller, { meetingId: previous.id, sort: 'raisedAt', order: 'asc' }, page)
      ).items;
      const open = (
        await matters.listMatters(
          caller,
          {
            meetingIds: earlier.slice(1).map((e) => e.id),
            states: [
              'registered',
              'dispatched',
              'returned',
              'in_progress',
              'submitted',
              'awaiting_feedback',
              'dissatisfied',
            ],
            sort: 'raisedAt',
            order: 'asc',
          },
          page,
        )
      ).items;
      const meetingOf = new Map(earlier.map((e) => [e.id, e]));
      const items = [...last, ...open].map((x) => ({
        ...x,
        meetingTitle: meetingOf.get(x.meetingId ?? '')?.title ?? '',
        meetingDate: meetingOf.get(x.meetingId ?? '')?.meeting_date ?? '',
      }));
      const count = (p: (x: (typeof items)[number]) => boolean) => items.filter(p).length;
      return {
        previousMeeting: { id: previous.id, title: previous.title, meetingDate: previous.meeting_date },
        items,
        summary: {
          total: items.length,
          closed: count((x) => x.state === 'closed'),
          open: count((x) => x.state !== 'closed'),
          overdue: count((x) => x.isOverdue),
          satisfied: count((x) => x.satisfaction === 'satisfied' || x.satisfaction === 'basic'),
          dissatisfied: count((x) => x.satisfaction === 'dissatisfied'),
        },
      };
    },
  };
}

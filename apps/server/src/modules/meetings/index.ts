export {
  createMeetingService,
  type MeetingService,
  type MeetingInput,
  type ParticipantInput,
} from './meetings.service';
export { meetingRoutes } from './meetings.routes';
export { createReviewService, type ReviewService } from './review.service';

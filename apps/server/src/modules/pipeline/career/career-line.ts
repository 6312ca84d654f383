import type { CandidateState, CareerStep, CareerStepKind, StudentStatus } from '@xinhuo/shared';

/*
 * The career line, pure: the records of the class, the pipeline and the seats turned into one list of
 * dated steps in the order a career runs. No I/O.
 */

export interface ClassRecord {
  status: StudentStatus;
  intakeYear: number;
  graduationDate: string | null;
  placementDate: string | null;
  placementOrgName: string | null;
  cohortName: string;
}

export interface CandidateEventRecord {
  candidateId: string;
  state: CandidateState;
  action: string;
  date: string;
  tierCode: string;
  tierNameZh: string;
  tierNameEn: string;
  /** The tier's place in its program (标杆 last): orders steps of the same day. */
  tierOrder: number;
  cohortName: string | null;
  placedOrgName: string | null;
}

export interface SeatRecord {
  startDate: string;
  endDate: string | null;
  orgName: string;
}

const EVENT_KIND: Record<string, CareerStepKind> = {
  nominate: 'nominated',
  select: 'selected',
  start_training: 'training_started',
  place: 'placed',
  exit: 'exited',
};

/** Where a step of a given day falls among steps of the same day: a career moves in this order. */
const KIND_ORDER: readonly CareerStepKind[] = [
  'class_enrolled',
  'class_graduated',
  'class_left',
  'class_placed',
  'nominated',
  'selected',
  'training_started',
  'exited',
  'seat_ended',
  'placed',
  'seat_started',
];

/** The date a class intake known only by its year starts (the academic year). */
export const intakeDate = (year: number) => `${year}-09-01`;

export function careerLine(
  classes: readonly ClassRecord[],
  events: readonly CandidateEventRecord[],
  seats: readonly SeatRecord[],
): CareerStep[] {
  const blank = {
    tierCode: null,
    tierNameZh: null,
    tierNameEn: null,
    cohortName: null,
    orgName: null,
    candidateId: null,
    state: null,
  };
  const steps: (CareerStep & { tierOrder: number })[] = [];
  for (const c of classes) {
    const base = { ...blank, cohortName: c.cohortName, tierOrder: -1 };
    steps.push({ ...base, kind: 'class_enrolled', date: intakeDate(c.intakeYear) });
    if (c.graduationDate)
      steps.push({
        ...base,
        kind: c.status === 'left' ? 'class_left' : 'class_graduated',
        date: c.graduationDate,
      });
    if (c.placementDate)
      steps.push({ ...base, kind: 'class_placed', date: c.placementDate, orgName: c.placementOrgName });
  }
  for (const e of events) {
    const kind = EVENT_KIND[e.action];
    if (!kind) continue;
    steps.push({
      kind,
      date: e.date,
      tierCode: e.tierCode,
      tierNameZh: e.tierNameZh,
      tierNameEn: e.tierNameEn,
      cohortName: kind === 'selected' || kind === 'training_started' ? e.cohortName : null,
      orgName: kind === 'placed' ? e.placedOrgName : null,
      candidateId: e.candidateId,
      state: e.state,
      tierOrder: e.tierOrder,
    });
  }
  // A placement writes the seat: its start is the placed step already.
  const placedOn = new Set(steps.filter((s) => s.kind === 'placed').map((s) => `${s.date}|${s.orgName}`));
  for (const s of seats) {
    if (!placedOn.has(`${s.startDate}|${s.orgName}`))
      steps.push({ ...blank, kind: 'seat_started', date: s.startDate, orgName: s.orgName, tierOrder: 99 });
    if (s.endDate)
      steps.push({ ...blank, kind: 'seat_ended', date: s.endDate, orgName: s.orgName, tierOrder: 99 });
  }
  steps.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.tierOrder - b.tierOrder ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  return steps.map(({ tierOrder: _o, ...s }) => s);
}

import type { CampaignAction, CampaignOrgState } from '@xinhuo/shared';

/**
 * The pure workflow of one org's part in a term election campaign: which step moves it from which
 * state to which, and what may be edited in each state. No I/O: the service asks it first, then runs
 * the step's own checks (candidates vetted, notice ended, results complete).
 */
const STEPS: Readonly<Record<CampaignAction, { from: CampaignOrgState; to: CampaignOrgState }>> = {
  open_nomination: { from: 'planning', to: 'candidates' },
  start_vetting: { from: 'candidates', to: 'vetting' },
  start_notice: { from: 'vetting', to: 'notice' },
  open_voting: { from: 'notice', to: 'voting' },
  finalize: { from: 'voting', to: 'finalized' },
};

/** Edits of an org's part that are not steps, and the states that allow them. */
export type CampaignEdit = 'timetable' | 'candidates' | 'vetting' | 'objections' | 'results';

const EDITS: Readonly<Record<CampaignEdit, readonly CampaignOrgState[]>> = {
  // Planned dates may move until the org is finalized; the notice start is fixed once the notice runs.
  timetable: ['planning', 'candidates', 'vetting', 'notice', 'voting'],
  candidates: ['candidates'],
  vetting: ['vetting'],
  // Objections arrive and are resolved during the notice: voting opens only when none is left open.
  objections: ['notice'],
  results: ['voting'],
};

/** The state a step leads to, or null when the step is illegal in `state`. */
export function stepTarget(state: CampaignOrgState, action: CampaignAction): CampaignOrgState | null {
  const s = STEPS[action];
  return s.from === state ? s.to : null;
}

/** The steps that `state` allows next (the UI's buttons). */
export function nextActions(state: CampaignOrgState): CampaignAction[] {
  return (Object.keys(STEPS) as CampaignAction[]).filter((a) => STEPS[a].from === state);
}

export function canEdit(state: CampaignOrgState, edit: CampaignEdit): boolean {
  return EDITS[edit].includes(state);
}

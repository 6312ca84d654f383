// Labels of the pipeline's states and the candidate's eligibility badge, in the UI language.
import { CANDIDATE_STATE_LABELS, type CandidateItem, type CandidateState } from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';
import type { Translate } from '../../i18n/use-t';

export const stateLabel = (s: CandidateState, lang: Language) =>
  lang === 'en' ? CANDIDATE_STATE_LABELS[s].en : CANDIDATE_STATE_LABELS[s].zh;

export const tierName = (x: { tierNameZh: string; tierNameEn: string }, lang: Language) =>
  lang === 'en' ? x.tierNameEn : x.tierNameZh;

export function eligibleLabel(c: Pick<CandidateItem, 'eligible' | 'overridden'>, t: Translate): string {
  if (c.eligible === null) return t('pipeline.eligible.unknown');
  if (c.eligible) return t('pipeline.eligible.yes');
  return c.overridden ? t('pipeline.eligible.override') : t('pipeline.eligible.no');
}

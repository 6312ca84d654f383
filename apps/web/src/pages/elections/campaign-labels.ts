// How the campaign's states, steps and vetting items read in the user's language (the shared contract's tables).
import {
  CAMPAIGN_ACTION_LABELS,
  CAMPAIGN_ORG_STATE_LABELS,
  type CampaignAction,
  type CampaignOrgState,
} from '@xinhuo/shared';
import type { Language } from '../../i18n/language-store';

const pick = (label: { zh: string; en: string }, lang: Language) => (lang === 'en' ? label.en : label.zh);

export const stateLabel = (state: CampaignOrgState, lang: Language) =>
  pick(CAMPAIGN_ORG_STATE_LABELS[state], lang);
export const actionLabel = (action: CampaignAction, lang: Language) =>
  pick(CAMPAIGN_ACTION_LABELS[action], lang);
export const itemLabel = (item: { zh: string; en: string }, lang: Language) => pick(item, lang);

/** Tag colours of the states, from planning (grey) to finalized (green). */
export const STATE_COLORS: Record<CampaignOrgState, string> = {
  planning: 'default',
  candidates: 'blue',
  vetting: 'purple',
  notice: 'orange',
  voting: 'gold',
  finalized: 'green',
};

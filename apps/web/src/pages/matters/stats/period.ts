// The statistics period in the URL: this year, the last 12 months (the server's default), or custom dates.
import dayjs from 'dayjs';
import type { Period } from '../../../api/endpoints';

export type PeriodPreset = 'year' | 'last12' | 'custom';

export interface PeriodView {
  preset: PeriodPreset;
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readPeriod(params: URLSearchParams): PeriodView {
  const preset = params.get('period');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (preset === 'custom' && DATE.test(from) && DATE.test(to)) return { preset, from, to };
  if (preset === 'year') return { preset };
  return { preset: 'last12' };
}

/** The query of /api/matters/stats and /scorecards for a period (orgId added by the caller). */
export function periodQuery(p: PeriodView): Period {
  if (p.preset === 'custom') return { from: p.from, to: p.to };
  if (p.preset === 'year')
    return { from: dayjs().startOf('year').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') };
  return {};
}

export function writePeriod(params: URLSearchParams, p: PeriodView): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('from');
  next.delete('to');
  if (p.preset === 'last12') next.delete('period');
  else next.set('period', p.preset);
  if (p.preset === 'custom' && p.from && p.to) {
    next.set('from', p.from);
    next.set('to', p.to);
  }
  return next;
}

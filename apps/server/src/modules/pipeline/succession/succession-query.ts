/**
 * The one definition of a seat's state on a date — incumbent, risk flags, bench and ready-now
 * successors — used by the succession page, the dashboard and (through the module's index) reminders.
 */
import { ageOn, SUCCESSION_AGE_DEFAULT, type SeatItem } from '@xinhuo/shared';
import type { Db, Tx } from '../../../database';
import { seatRiskFlags } from './succession-rules';
import * as repo from './succession.repository';

type Conn = Db | Tx;

/** The age threshold of the current program (the latest by period), or the default. */
export async function successionAge(conn: Conn): Promise<number> {
  return (await repo.findCurrentProgram(conn))?.succession_age ?? SUCCESSION_AGE_DEFAULT;
}

/** Every village secretary seat in the scope on `date` with its flags, bench and ready-now count. */
export async function seatsOn(
  conn: Conn,
  scopePaths: readonly string[],
  date: string,
  threshold?: number,
): Promise<(SeatItem & { path: string })[]> {
  const age = threshold ?? (await successionAge(conn));
  const [rows, bench] = await Promise.all([
    repo.findSeats(conn, scopePaths, date),
    repo.findBenchOnDate(conn, scopePaths, date),
  ]);
  const count = (key: string, ready: boolean) => {
    const m = new Map<string, number>();
    for (const b of bench) {
      if (ready && b.readiness !== 'ready_now') continue;
      const k = key === 'village' ? b.village_org_id : b.village_org_id === null ? b.town_org_id : null;
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const [seatAll, seatReady, townAll, townReady] = [
    count('village', false),
    count('village', true),
    count('town', false),
    count('town', true),
  ];
  const seen = new Set<string>();
  const out: (SeatItem & { path: string })[] = [];
  for (const r of rows) {
    // Two secretaries on one day cannot happen through the terms service; keep the latest started.
    if (seen.has(r.org_id)) continue;
    seen.add(r.org_id);
    const town = r.town_id ?? '';
    out.push({
      orgId: r.org_id,
      path: r.path,
      villageName: r.village_name,
      townId: r.town_id,
      townName: r.town_name,
      incumbent:
        r.person_id && r.birth_date
          ? {
              personId: r.person_id,
              name: r.person_name ?? '',
              birthDate: r.birth_date,
              age: ageOn(r.birth_date, date),
            }
          : null,
      termEnd: r.person_id ? r.term_end : null,
      flags: seatRiskFlags(
        { incumbentBirthDate: r.person_id ? r.birth_date : null, termEnd: r.term_end },
        date,
        age,
      ),
      bench: (seatAll.get(r.org_id) ?? 0) + (townAll.get(town) ?? 0),
      readyNow: (seatReady.get(r.org_id) ?? 0) + (townReady.get(town) ?? 0),
    });
  }
  return out;
}

/** The seat has a ready-now successor on the bench (for it or for its town) on `date`. */
export const hasReadySuccessor = (seat: Pick<SeatItem, 'readyNow'>): boolean => seat.readyNow > 0;

/** The seats of the scope at risk on `date` (vacant, age, term), each saying whether a successor is ready. */
export async function seatsAtRisk(conn: Conn, scopePaths: readonly string[], date: string) {
  return (await seatsOn(conn, scopePaths, date))
    .filter((s) => s.flags.length > 0)
    .map((s) => ({ ...s, hasReadySuccessor: hasReadySuccessor(s) }));
}

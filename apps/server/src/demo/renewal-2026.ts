import type { PositionRole } from '@xinhuo/shared';
import { createRandom, type Random } from './random';

/**
 * The demo city's 2026 term election (换届), planned before anything is written: per village, its
 * election day (January–March 2026) and who sits on the new party committee — which 2021 members are
 * re-elected and which new people join, with their attributes. A pure, seeded function, so the demo
 * is the same on every machine and the plan can be tested without a database.
 *
 * The renewal follows the direction of the national guidance for the 2026 round: most secretaries
 * re-elected, older members retiring, new members younger and better educated, more women, and the
 * secretary also elected director of the villagers' committee (一肩挑) almost everywhere.
 */

/** A 2021 member as the plan needs them: age on 2021-01-10 and whether they hold 大专 or higher. */
export interface SittingMember {
  role: PositionRole;
  age: number;
  gender: '1' | '2';
  college: boolean;
}

export interface NewMember {
  /** Age on the village's 2026 election day. */
  age: number;
  gender: '1' | '2';
  fullTime: string;
  inService: string | null;
}

export type Seat2026 =
  { role: PositionRole; incumbent: number } | { role: PositionRole; incumbent: null; person: NewMember };

export interface VillageRenewal {
  electionDate: string;
  seats: Seat2026[];
  /** The secretary is also elected director of the villagers' committee (一肩挑). */
  secretaryDirector: boolean;
}

export interface RenewalInput {
  committee: readonly SittingMember[];
  /** Members (indexes into committee) who stay in their role whatever the draw, e.g. the demo village's. */
  keep?: readonly number[];
}

const FIRST_DAY = Date.parse('2026-01-05T00:00:00Z');
const LAST_DAY = Date.parse('2026-03-31T00:00:00Z');
// The Spring Festival holiday of 2026 (15–23 February): no elections are held.
const HOLIDAY = ['2026-02-15', '2026-02-23'] as const;

/** A weekday in January–March 2026 outside the Spring Festival holiday. */
function electionDay(rng: Random): string {
  for (;;) {
    const t = FIRST_DAY + rng.int(0, (LAST_DAY - FIRST_DAY) / 86_400_000) * 86_400_000;
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (!weekend && (iso < HOLIDAY[0] || iso > HOLIDAY[1])) return iso;
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

/** A new member: mostly born after 1985, nearly all with 大专 or higher, almost half women. */
function newMember(rng: Random, secretary: boolean): NewMember {
  const age = secretary ? clamp(rng.normal(35, 3.5), 29, 45) : clamp(rng.normal(29.5, 4), 24, 42);
  const gender: '1' | '2' = rng.chance(secretary ? 0.22 : 0.46) ? '2' : '1';
  if (!secretary && rng.chance(0.015))
    return { age, gender, fullTime: rng.pick(['41', '61']), inService: null };
  const r = rng.next();
  const highest = r < 0.1 ? '14' : r < 0.7 ? '21' : '31';
  // Some earned the highest degree in service (在职), after a lower full-time one.
  if (rng.chance(0.2)) return { age, gender, fullTime: highest === '31' ? '61' : '31', inService: highest };
  return { age, gender, fullTime: highest, inService: null };
}

/** Whether a 2021 member (age on 2021-01-10) stands again and is re-elected in 2026. */
function reelected(rng: Random, m: SittingMember): boolean {
  const age2026 = m.age + 5;
  if (m.role === 'party_secretary') return age2026 < 58 && rng.chance(age2026 >= 53 ? 0.55 : 0.85);
  if (age2026 >= 55) return rng.chance(0.1);
  if (age2026 >= 50) return rng.chance(0.3);
  if (age2026 >= 45) return rng.chance(m.college ? 0.45 : 0.15);
  return rng.chance(m.college ? 0.6 : 0.2);
}

function planVillage(rng: Random, v: RenewalInput): VillageRenewal {
  const c = v.committee;
  const keep = new Set(v.keep ?? []);
  const stays = c.map((m, i) => keep.has(i) || reelected(rng, m));
  const size = c.length;
  const deputies = c.filter((m) => m.role === 'party_deputy_secretary').length;
  const seats: Seat2026[] = [];
  const taken = new Set<number>();
  const take = (role: PositionRole, i: number) => {
    taken.add(i);
    seats.push({ role, incumbent: i });
  };

  // The secretary: re-elected, or succeeded by a re-elected deputy with 大专+, or by a new person.
  const sec = c.findIndex((m) => m.role === 'party_secretary');
  const successor = c.findIndex(
    (m, i) => i !== sec && stays[i] && m.role === 'party_deputy_secretary' && m.college && m.age + 5 < 50,
  );
  if (sec >= 0 && stays[sec]) take('party_secretary', sec);
  else if (successor >= 0 && rng.chance(0.6)) take('party_secretary', successor);
  else seats.push({ role: 'party_secretary', incumbent: null, person: newMember(rng, true) });

  // Deputies first from the re-elected deputies, then re-elected members; then new people.
  const staying = (role: PositionRole) =>
    c.flatMap((m, i) => (stays[i] && !taken.has(i) && m.role === role ? [i] : []));
  for (const i of staying('party_deputy_secretary')) {
    if (seats.length > deputies) break;
    take('party_deputy_secretary', i);
  }
  for (const i of staying('party_member')) {
    if (seats.length > deputies) break;
    if (c[i]!.college && rng.chance(0.4)) take('party_deputy_secretary', i);
  }
  while (seats.length <= deputies)
    seats.push({ role: 'party_deputy_secretary', incumbent: null, person: newMember(rng, false) });
  // A re-elected deputy who found no deputy seat sits as a member (kept ones always keep a seat).
  for (const i of [...staying('party_deputy_secretary'), ...staying('party_member')]) {
    if (seats.length >= size && !keep.has(i)) continue;
    take('party_member', i);
  }
  while (seats.length < size)
    seats.push({ role: 'party_member', incumbent: null, person: newMember(rng, false) });
  return { electionDate: electionDay(rng), seats, secretaryDirector: rng.chance(0.97) };
}

/** The plan of every village, in the order given; the same seed gives the same plan. */
export function planRenewal2026(seed: number, villages: readonly RenewalInput[]): VillageRenewal[] {
  const rng = createRandom(seed);
  return villages.map((v) => planVillage(rng, v));
}

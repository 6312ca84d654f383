/** The one source of "now"; tests inject a clock they can move. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface MovableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function createMovableClock(startIso: string): MovableClock {
  let t = new Date(startIso).getTime();
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = new Date(iso).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The business date (Asia/Shanghai, UTC+8 with no DST) of an instant, as YYYY-MM-DD. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The demo's clockwork: coroutines sleep until a moment (`until`), and `run` moves the movable clock from
 * one moment to the next, resuming one sleeper at a time, so a year of work happens in order, deterministically.
 */
export function createSimulation(clock: { set(iso: string): void }) {
  const heap: { t: number; seq: number; go: () => void }[] = [];
  let seq = 0;
  let running = 0;
  let wake: (() => void) | null = null;
  const errors: unknown[] = [];
  const park = () => {
    if (--running === 0) wake?.();
  };
  const push = (e: (typeof heap)[number]) => {
    heap.push(e);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (heap[p]!.t < e.t || (heap[p]!.t === e.t && heap[p]!.seq < e.seq)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (a: number, b: number) =>
          heap[a]!.t < heap[b]!.t || (heap[a]!.t === heap[b]!.t && heap[a]!.seq < heap[b]!.seq);
        if (l < heap.length && less(l, m)) m = l;
        if (r < heap.length && less(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  return {
    errors,
    until: (t: number) =>
      new Promise<void>((resolve) => {
        push({ t, seq: seq++, go: () => (running++, resolve()) });
        park();
      }),
    spawn(fn: () => Promise<void>) {
      running++;
      fn()
        .catch((e) => errors.push(e))
        .finally(park);
    },
    async run(endMs: number) {
      while (heap.length > 0 && heap[0]!.t <= endMs) {
        const e = pop();
        clock.set(new Date(e.t).toISOString());
        await new Promise<void>((r) => {
          wake = r;
          e.go();
        });
      }
    },
  };
}

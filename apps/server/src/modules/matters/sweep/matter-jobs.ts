import type { CalendarService } from '../../../platform/calendar/calendar';
import type { Clock } from '../../../platform/clock';
import type { Notifier } from '../../../platform/notify/notifier';
import type { SweepService } from './sweep.service';

export interface LoopJobs {
  /** Run the sweep and webhook delivery every intervalMs (unref'd timer: it never keeps the process alive). */
  start(intervalMs?: number): void;
  /** Stop the timer and wait for a run in progress to finish. */
  stop(): Promise<void>;
  /** One run now: reload calendar overrides, sweep what is due, deliver pending webhooks. */
  runOnce(): Promise<void>;
}

export function createLoopJobs(deps: {
  sweep: SweepService;
  notify: Notifier;
  calendar: CalendarService;
  clock: Clock;
  /** Other modules' timed steps, run after the sweep at every tick (each keeps itself to once a day). */
  daily?: readonly { name: string; run: (now: Date) => Promise<Record<string, number>> }[];
  log?: (msg: string, err?: unknown) => void;
}): LoopJobs {
  const { sweep, notify, calendar, clock } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function runOnce() {
    // Overrides edited on another instance reach this one here.
    await calendar.reload();
    const r = await sweep.sweepDue(clock.now());
    const made = Object.values(r.created).reduce((a, b) => a + b, 0);
    if (made + r.closedNoResponse > 0)
      deps.log?.(
        `matter sweep ${r.today}: ${JSON.stringify(r.created)}, closed without response ${r.closedNoResponse}`,
      );
    for (const step of deps.daily ?? []) {
      // One failing step does not keep the others (or the webhook delivery) from running.
      const made = await step.run(clock.now()).catch((e) => deps.log?.(`${step.name} failed`, e));
      if (made && Object.keys(made).length > 0)
        deps.log?.(`${step.name} ${r.today}: ${JSON.stringify(made)}`);
    }
    await notify.deliverDue();
  }

  const tick = () => {
    if (running) return;
    running = runOnce()
      .catch((e) => deps.log?.('matter sweep failed', e))
      .finally(() => {
        running = null;
      });
  };

  return {
    start(intervalMs = 60_000) {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      setTimeout(tick, 1000).unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await notify.flush();
    },
    runOnce,
  };
}

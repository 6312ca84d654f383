import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MovableClock } from '../clock';

/** Only registered when NODE_ENV=test with XINHUO_TEST_CLOCK set: lets browser tests move time forward. */
export function registerTestClock(app: FastifyInstance, clock: MovableClock): void {
  app.post(
    '/api/test/clock',
    {
      config: { access: { authenticated: true } },
      schema: { hide: true, body: z.strictObject({ advanceDays: z.number().int().min(0).max(400) }) },
    },
    async (req) => {
      clock.advance((req.body as { advanceDays: number }).advanceDays * 86_400_000);
      return { now: clock.now().toISOString() };
    },
  );
}

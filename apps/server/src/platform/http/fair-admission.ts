import type { FastifyInstance } from 'fastify';

/**
 * Fair admission: requests start in arrival order, one per turn of the event loop.
 *
 * SQLite calls are synchronous, so a request runs from its first hook to its answer without giving
 * the event loop back. Left alone, one turn runs every request read in that turn to its end, while
 * connections that became readable meanwhile wait for the turn after — under load a few unlucky
 * clients wait many turns (a p99 of seconds for a median of milliseconds). Here every request joins
 * one queue when it arrives, and the queue starts one request per turn (setImmediate), so the
 * sockets are polled between any two requests and a request waits only for those that came before
 * it. On PostgreSQL a request waiting on the database no longer holds the turn, so the next starts
 * at once: concurrency is unchanged, only the order is fair. The cost is one poll of the sockets
 * (without waiting) per request.
 */
export function installFairAdmission(app: FastifyInstance): void {
  // As long as the number of open connections at most: shift() stays cheap.
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const startNext = () => {
    const start = waiting.shift();
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(startNext);
    start?.();
  };
  app.addHook('onRequest', (_req, _reply, done) => {
    waiting.push(done);
    if (!scheduled) {
      scheduled = true;
      setImmediate(startNext);
    }
  });
}

import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { Clock } from '../clock';
import type { FieldCrypto } from '../crypto/field-crypto';
import { platformView, type OnPlatform, type PlatformDatabase } from '../platform-db';

/** How long an answer is kept for a retry under the same key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a duplicate waits for the first request of its key before it is answered 409. */
const WAIT_MS = 5_000;
const POLL_MS = 50;
/** A `pending` row older than this belongs to a request that died (a crashed process): taken over. */
const STALE_PENDING_MS = 2 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

interface Claimed {
  userId: string;
  route: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Claimed | null;
  }
}

function bodyHash(body: unknown): string {
  const h = createHash('sha256');
  h.update(Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null));
  return h.digest('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Idempotent writes (issue 10 item 6): a signed-in POST with an `Idempotency-Key` header runs once per
 * account, request and key. The first claims the key (`pending`), and its answer (2xx, sealed) is kept
 * for 24 hours: a retry with the same key and body gets that answer again (`Idempotent-Replayed: true`)
 * and creates nothing; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; a duplicate that
 * arrives while the first still runs waits for it up to 5 s, then gets 409 `IDEMPOTENCY_IN_PROGRESS`.
 * An answer that is not a success releases the key (nothing was written), so the client may retry.
 * Runs after the access rule and the body's validation: a refused request claims nothing.
 */
export function installIdempotency<DB extends PlatformDatabase>(
  app: FastifyInstance,
  deps: { db: OnPlatform<DB>; clock: Clock; crypto: FieldCrypto },
): void {
  const db = platformView(deps.db);

  const find = (c: Claimed) =>
    db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', c.userId)
      .where('route', '=', c.route)
      .where('idem_key', '=', c.key)
      .executeTakeFirst();

  async function claim(c: Claimed, hash: string): Promise<boolean> {
    const now = deps.clock.now();
    // Expired keys of this account go first (the same key may then be claimed afresh).
    await db
      .deleteFrom('idempotency_keys')
      .where('user_id', '=', c.userId)
      .where('expires_at', '<=', now.toISOString())
      .execute();
    const r = await db
      .insertInto('idempotency_keys')
      .values({
        user_id: c.userId,
        route: c.route,
        idem_key: c.key,
        body_hash: hash,
        state: 'pending',
        status: null,
        content_type: null,
        response: null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'route', 'idem_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async function release(c: Claimed) {
    await db
      .deleteFrom('idempotency_keys')
      .where('user_id', '=', c.userId)
      .where('route', '=', c.route)
      .where('idem_key', '=', c.key)
      .where('state', '=', 'pending')
      .execute();
  }

  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req: FastifyRequest, reply) => {
    if (req.method !== 'POST' || !req.user) return;
    const header = req.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header))
      throw new AppError('IDEMPOTENCY_KEY_INVALID', {
        fields: [{ path: 'Idempotency-Key', reason: 'invalid_value' }],
      });
    const c: Claimed = { userId: req.user.id, route: `POST ${req.url}`, key: header };
    const hash = bodyHash(req.body);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await claim(c, hash)) {
        req.idempotency = c;
        return;
      }
      const row = await find(c);
      if (!row) continue; // released or expired meanwhile: claim again
      if (row.body_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (row.state === 'done') {
        reply.status(row.status ?? 200).header('Idempotent-Replayed', 'true');
        if (row.content_type) reply.header('Content-Type', row.content_type);
        return reply.send(row.response === null ? null : deps.crypto.decrypt(row.response));
      }
      if (Date.parse(row.created_at) < deps.clock.now().getTime() - STALE_PENDING_MS) {
        await release(c);
        continue;
      }
      if (Date.now() >= deadline) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      await sleep(POLL_MS);
    }
  });

  // The answer is stored before it leaves: a retry that follows it always finds it.
  app.addHook('onSend', async (req, reply, payload) => {
    const c = req.idempotency;
    if (!c) return payload;
    req.idempotency = null;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    const storable = payload === null || payload === undefined || typeof payload === 'string';
    if (!ok || !storable) {
      await release(c);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await db
      .updateTable('idempotency_keys')
      .set({
        state: 'done',
        status: reply.statusCode,
        content_type: typeof contentType === 'string' ? contentType : null,
        response: typeof payload === 'string' ? deps.crypto.encrypt(payload) : null,
      })
      .where('user_id', '=', c.userId)
      .where('route', '=', c.route)
      .where('idem_key', '=', c.key)
      .execute();
    return payload;
  });

  // A request that ended without an answer (the connection dropped) releases its key too.
  app.addHook('onResponse', async (req) => {
    if (req.idempotency) await release(req.idempotency);
  });
}

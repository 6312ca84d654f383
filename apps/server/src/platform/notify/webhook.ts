import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { RefusalReason, WebhookGuard } from './webhook-guard';

export type DeliveryOutcome =
  | { ok: true }
  | { ok: false; refused: true; reason: RefusalReason }
  | { ok: false; refused?: false; error: string };

/** Response bytes read (and thrown away) before the connection is closed: a receiver cannot make us read forever. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POST a JSON body with a hard timeout, to the address the guard checked and nowhere else.
 *
 * The guard resolves the host once and checks every address; the request then gets a `lookup` that
 * answers with that checked address, so the socket connects to it (no second resolution, no window
 * for DNS rebinding). TLS still verifies the certificate against the host name. Redirects are never
 * followed: a 3xx is a failed delivery, so a receiver cannot bounce the request to an internal address.
 * A refused URL opens no connection at all.
 */
export async function postJson(
  guard: WebhookGuard,
  url: string,
  body: string,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  const target = await guard.addressFor(url);
  if (!target.ok) return { ok: false, refused: true, reason: target.reason };
  const { url: u, address, family } = target.value;
  const pinned: LookupFunction = (_host, opts, cb) => {
    // net may ask for every address (autoSelectFamily); either way it gets only the checked one.
    if ((opts as { all?: boolean }).all)
      (cb as unknown as (err: null, all: LookupAddress[]) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const client = u.protocol === 'https:' ? https : http;
  return new Promise<DeliveryOutcome>((resolve) => {
    let settled = false;
    const done = (o: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    const req = client.request(
      u,
      {
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'xinhuo-webhook/1',
        },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (c: Buffer) => {
          read += c.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        const finish = () =>
          done(
            status >= 200 && status < 300
              ? { ok: true }
              : {
                  ok: false,
                  error:
                    status >= 300 && status < 400
                      ? `HTTP ${status} (redirects are not followed)`
                      : `HTTP ${status}`,
                },
          );
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    req.on('error', (e) => done({ ok: false, error: `${e.name}: ${e.message}` }));
    req.end(body);
  });
}

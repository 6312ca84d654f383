// Capture the exact SQL (with parameters) that the server runs for one HTTP request.
//
// Run with tsx, so the server's TypeScript sources load as they are:
//   XINHUO_DATA_DIR=<dir> node --import tsx bench/lib/capture-sql.mjs <spec.json> <out.json>
//
// spec.json: { "username": "...", "password": "...", "targets": [{ "name": "...", "url": "/api/..." }] }
//
// It composes the services and the HTTP app in-process exactly as main.ts does (same composition,
// same routes, same access hooks), with a Kysely `log` hook, logs in through the app, then for each
// target sends the request twice, recording every query: the first request's statements (`cold`: no
// session or page cached yet, so every statement the answer needs) and the second's (`statements`:
// what a steady-state request of the benchmark runs, session lookup included). The result goes to
// out.json (stdout is left alone: the app may log there).

import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import { compose } from '../../apps/server/src/composition.ts';
import { buildApp } from '../../apps/server/src/app.ts';

const [specFile, outFile] = process.argv.slice(2);
if (!specFile || !outFile) {
  console.error('usage: node --import tsx bench/lib/capture-sql.mjs <spec.json> <out.json>');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specFile, 'utf8'));

/** @type {{ sql: string, parameters: unknown[], ms: number, level: string }[] | null} */
let recording = null;
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const services = await compose(config, {
  log: (event) => {
    if (!recording) return;
    recording.push({
      level: event.level,
      sql: event.query.sql,
      parameters: [...event.query.parameters],
      ms: Math.round(event.queryDurationMillis * 1000) / 1000,
    });
  },
});
const app = await buildApp(services, { logLevel: 'silent', demoMode: config.isDemo });
const host = '127.0.0.1:3000';
const origin = `http://${host}`;
const out = { targets: [] };
try {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host, origin, 'content-type': 'application/json' },
    payload: JSON.stringify({ username: spec.username, password: spec.password }),
  });
  if (login.statusCode !== 200) throw new Error(`login answered ${login.statusCode}: ${login.body}`);
  const sid = login.cookies.find((c) => c.name === 'xh_sid');
  if (!sid) throw new Error('login set no xh_sid cookie');
  const headers = { host, cookie: `xh_sid=${sid.value}` };
  for (const t of spec.targets) {
    recording = [];
    const warm = await app.inject({ method: 'GET', url: t.url, headers });
    const cold = recording;
    if (warm.statusCode !== 200)
      throw new Error(`${t.url} answered ${warm.statusCode}: ${warm.body.slice(0, 300)}`);
    recording = [];
    const r = await app.inject({ method: 'GET', url: t.url, headers });
    const statements = recording;
    recording = null;
    if (r.statusCode !== 200) throw new Error(`${t.url} answered ${r.statusCode}`);
    out.targets.push({
      name: t.name,
      url: t.url,
      status: r.statusCode,
      responseBytes: r.rawPayload.length,
      cold,
      statements,
    });
  }
} finally {
  await app.close();
  await services.close();
}
writeFileSync(outFile, JSON.stringify(out));

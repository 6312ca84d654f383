#!/usr/bin/env node
// `npm run dev`: the server under `tsx watch` (restarts on a change to its sources or to
// packages/shared) and the web's vite dev server with hot reload, which proxies /api to the server.
// A server change restarts only the server; a web change reloads only the page; nothing is built.
//
//   server  http://127.0.0.1:$PORT (default 3000; demo city on an empty ./data, as `npm start`)
//   web     http://localhost:5173  (vite; open this one while developing)
//
// Ctrl-C (or SIGTERM to this process) stops both.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  }),
  spawn(bin('vite'), [], { cwd: path.join(ROOT, 'apps/web'), stdio: 'inherit' }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
}
// When one side dies the other is of no use: stop both and report the failure.
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

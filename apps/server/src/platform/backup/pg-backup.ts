import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'kysely';
import { connectDatabase } from '../db/connect';
import type { PlatformDatabase } from '../platform-db';
import { BackupError } from './messages';

/*
 * PostgreSQL backups are pg_dump's custom format (-Fc), restored with pg_restore in one transaction.
 * The tools are found on the configured PATH, else in /usr/lib/postgresql/<newest>/bin. The password never goes on
 * the command line (other users could read it in the process list): it is passed in PGPASSWORD.
 */

const PG_LIB = '/usr/lib/postgresql';

/** The application name the server's connections carry, so a restore can see a running server. */
export const SERVER_APPLICATION_NAME = 'xinhuo';

export function findPgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv): string {
  for (const dir of (env.PATH ?? '').split(path.delimiter))
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  if (existsSync(PG_LIB)) {
    const versions = readdirSync(PG_LIB)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(PG_LIB, v, 'bin', name);
      if (existsSync(p)) return p;
    }
  }
  throw new BackupError('PG_TOOL_MISSING', name);
}

/** The URL without its password, and the environment that carries the password instead. */
function connectionArgs(url: string, toolEnv: NodeJS.ProcessEnv): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...toolEnv };
  if (password) env.PGPASSWORD = password;
  return { url: u.toString(), env };
}

function run(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Promise<void> {
  const bin = findPgTool(tool, env);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    if (onLine) readline.createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', onLine);
    child.on('error', (e) => reject(new BackupError('PG_TOOL_FAILED', `${tool}: ${e.message}`)));
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError('PG_TOOL_FAILED', `${tool} exit ${code}: ${stderr.trim()}`)),
    );
  });
}

export async function pgDump(databaseUrl: string, out: string, toolEnv: NodeJS.ProcessEnv): Promise<void> {
  const c = connectionArgs(databaseUrl, toolEnv);
  await run('pg_dump', ['-Fc', '--no-owner', '--no-privileges', '-f', out, '-d', c.url], c.env);
}

export async function pgRestore(
  databaseUrl: string,
  dump: string,
  toolEnv: NodeJS.ProcessEnv,
): Promise<void> {
  const c = connectionArgs(databaseUrl, toolEnv);
  await run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      '-d',
      c.url,
      dump,
    ],
    c.env,
  );
}

/** Read a dump's data through pg_restore (nothing is restored): rows per table and the applied migrations. */
export async function inspectPgDump(
  dump: string,
  toolEnv: NodeJS.ProcessEnv,
): Promise<{ migrations: string[]; rowCounts: Record<string, number> }> {
  const rowCounts: Record<string, number> = {};
  const migrations: string[] = [];
  let table: string | null = null;
  await run('pg_restore', ['--data-only', '-f', '-', dump], toolEnv, (line) => {
    if (table === null) {
      const m = /^COPY (?:public\.)?"?([\w]+)"? .* FROM stdin;$/.exec(line);
      if (m) {
        table = m[1]!;
        rowCounts[table] = 0;
      }
      return;
    }
    if (line === '\\.') {
      table = null;
      return;
    }
    rowCounts[table]!++;
    if (table === 'schema_migrations') {
      const name = line.split('\t')[0]!;
      if (name !== '__lock__') migrations.push(name);
    }
  });
  if (rowCounts.schema_migrations !== undefined) rowCounts.schema_migrations = migrations.length;
  migrations.sort();
  return { migrations, rowCounts: Object.fromEntries(Object.entries(rowCounts).sort()) };
}

/** Connections of running Xinhuo servers to this database (other than ours). */
export async function pgForeignConnections(databaseUrl: string): Promise<number> {
  const h = connectDatabase<PlatformDatabase>({
    databaseUrl,
    applicationName: 'xinhuo-restore',
    poolSize: 1,
  });
  try {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = ${SERVER_APPLICATION_NAME}
        and pid <> pg_backend_pid()`.execute(h.db);
    return r.rows[0]?.n ?? 0;
  } finally {
    await h.close();
  }
}

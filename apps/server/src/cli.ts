import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@xinhuo/shared';
import { loadConfig } from './platform/config';
import { compose } from './composition';
import { SYSTEM_ACTOR } from './platform/audit/audit';
import { ensureDemo } from './demo/demo-city';
import { AppError } from './platform/errors';

const HELP = `Xinhuo command line
  audit:verify                         verify the audit hash chain; exit 1 at the first broken row
  create-admin --username U --role R [--display-name N] [--org ORG_ID]
                                       create an account; the password is read from XINHUO_NEW_PASSWORD
                                       (roles: ${ROLES.join(', ')}); it must be changed at first login
  demo [--scale N]                     build the demo city into an empty database
  migrate                              apply pending migrations
Configuration comes from the same environment variables as the server (see README).`;

async function run() {
  const [cmd, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      org: { type: 'string', multiple: true },
      scale: { type: 'string' },
    },
  });
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig({ ...process.env, XINHUO_DEMO: cmd === 'demo' ? '1' : process.env.XINHUO_DEMO });
  const services = await compose(config);
  try {
    switch (cmd) {
      case 'migrate':
        console.log('migrations are current');
        return 0;
      case 'audit:verify': {
        const r = await services.audit.verify();
        if (r.ok) console.log(`audit trail intact: ${r.checked} rows verified`);
        else
          console.error(
            `audit trail BROKEN at seq ${r.firstBrokenSeq} (${r.checked} rows verified before it)`,
          );
        return r.ok ? 0 : 1;
      }
      case 'create-admin': {
        const password = process.env.XINHUO_NEW_PASSWORD;
        if (!values.username || !values.role || !password) {
          console.error('create-admin needs --username, --role and XINHUO_NEW_PASSWORD');
          return 2;
        }
        if (!(ROLES as readonly string[]).includes(values.role)) {
          console.error(`unknown role ${values.role}`);
          return 2;
        }
        const id = await services.auth.bootstrapAccount(SYSTEM_ACTOR, {
          username: values.username,
          displayName: values['display-name'] ?? values.username,
          password,
          roles: [values.role as Role],
          orgIds: values.org ?? [],
          mustChangePassword: true,
        });
        console.log(`created ${values.username} (${values.role}) id ${id}`);
        return 0;
      }
      case 'demo': {
        const scale = Number(values.scale ?? '1');
        const built = await ensureDemo(services, console.log, { scale });
        if (!built) console.log('database is not empty; demo not built');
        return 0;
      }
      default:
        console.error(`unknown command ${cmd}\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`${e.code}${e.fields ? ' ' + JSON.stringify(e.fields) : ''}`);
      return 1;
    }
    throw e;
  } finally {
    await services.close();
  }
}

run().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

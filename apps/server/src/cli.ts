import { parseArgs } from 'node:util';
import { errorMessage, ROLES, type Role } from '@xinhuo/shared';
import { loadConfig } from './platform/config';
import { compose, type Services } from './composition';
import { SYSTEM_ACTOR } from './platform/audit/audit';
import { ensureDemo } from './demo/demo-city';
import { AppError } from './platform/errors';

const HELP = `Xinhuo command line
  audit:verify                         verify the audit hash chain against its signed head and the
                                       exported anchor file; exit 1 at the first broken or missing row
  create-admin --username U --role R [--display-name N] [--org ORG_ID]
                                       create an account; the password is read from XINHUO_NEW_PASSWORD
                                       (roles: ${ROLES.join(', ')}); it must be changed at first login
  demo [--scale N]                     build the demo city into an empty database (demo mode on the
                                       embedded SQLite database only: its accounts' password is public)
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
  const config = loadConfig();
  if (cmd === 'demo' && !config.isDemo) {
    // Before connecting: the guard in ensureDemo holds too, but no key file or database is touched here.
    console.error(`${errorMessage('DEMO_REFUSED', 'en')}\n${errorMessage('DEMO_REFUSED', 'zh-CN')}`);
    return 1;
  }
  const services = await compose(config);
  try {
    switch (cmd) {
      case 'migrate':
        console.log('migrations are current');
        return 0;
      case 'audit:verify': {
        const r = await services.audit.verify();
        if (r.ok) {
          console.log(
            `audit trail intact: ${r.checked} rows verified, signed head at seq ${r.headSeq}, ` +
              (r.anchorSeq === null
                ? `no anchor file yet (${config.auditAnchorFile})`
                : `anchor at seq ${r.anchorSeq}`),
          );
          console.log(`审计日志完整：已校验 ${r.checked} 条`);
        } else {
          const where =
            r.truncatedAfterSeq !== null
              ? `truncated after seq ${r.truncatedAfterSeq}`
              : `at seq ${r.firstBrokenSeq ?? '?'}`;
          console.error(`audit trail BROKEN (${r.finding}) ${where}; ${r.checked} rows verified before it`);
          console.error(r.message!.en);
          console.error(r.message!.zh);
        }
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
        await exportAnchor(services);
        return 0;
      }
      case 'demo': {
        const scale = Number(values.scale ?? '1');
        const built = await ensureDemo(services, console.log, { scale, demoMode: config.isDemo });
        if (!built) console.log('database is not empty; demo not built');
        await exportAnchor(services);
        return 0;
      }
      default:
        console.error(`unknown command ${cmd}\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`${e.code}${e.fields ? ' ' + JSON.stringify(e.fields) : ''}`);
      console.error(`${errorMessage(e.code, 'en')}\n${errorMessage(e.code, 'zh-CN')}`);
      return 1;
    }
    throw e;
  } finally {
    await services.close();
  }
}

/** After a command that wrote audit rows, move the exported anchor forward (the server does it too). */
async function exportAnchor(services: Services): Promise<void> {
  const r = await services.audit.exportAnchor();
  if (r.finding) console.error(`audit anchor not updated (${r.finding}); run audit:verify`);
}

run().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
